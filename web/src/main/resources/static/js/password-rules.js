/*
 * The commune's password rules, each marked met or not as the person types (progressive
 * enhancement: without this file the sentence under the field states the same rules, and
 * the server checks them anyway). Counts follow Keycloak's policy providers, as
 * PasswordRules does on the server: UTF-16 units, Java's isLowerCase / isUpperCase /
 * isDigit, "special" = neither a letter nor a digit. Screen readers hear one short summary
 * once the person pauses, not a message per key.
 */
(function () {
	'use strict';

	var LOWER = /\p{Lowercase}/u;
	var UPPER = /\p{Uppercase}/u;
	var DIGIT = /\p{Nd}/u;
	var LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

	function count(value, test) {
		var n = 0;
		// char by char, as Keycloak counts: each half of a surrogate pair is "special"
		for (var i = 0; i < value.length; i++) {
			if (test(value.charAt(i))) {
				n++;
			}
		}
		return n;
	}

	function sameIgnoringCase(a, b) {
		return a !== '' && a.toLowerCase() === b.toLowerCase();
	}

	function met(rule, password, box) {
		var min = parseInt(rule.getAttribute('data-min') || '0', 10);
		switch (rule.getAttribute('data-rule')) {
		case 'length':
			return password.length >= min;
		case 'lowercase':
			return count(password, function (c) { return LOWER.test(c); }) >= min;
		case 'uppercase':
			return count(password, function (c) { return UPPER.test(c); }) >= min;
		case 'digits':
			return count(password, function (c) { return DIGIT.test(c); }) >= min;
		case 'special':
			return count(password, function (c) { return !LETTER_OR_DIGIT.test(c); }) >= min;
		case 'notUsername': {
			var field = document.getElementById(box.getAttribute('data-username-field') || '');
			return password !== '' && !sameIgnoringCase(field ? field.value.trim() : '', password);
		}
		case 'notEmail':
			return password !== '' && !sameIgnoringCase(box.getAttribute('data-email') || '', password);
		default:
			return false;
		}
	}

	function label(rule) {
		return rule.querySelector('span:not([aria-hidden]):not([data-rule-state])').textContent.trim();
	}

	function start(box) {
		var input = document.getElementById(box.getAttribute('data-for'));
		var rules = Array.prototype.slice.call(box.querySelectorAll('[data-rule]'));
		var status = box.querySelector('[data-rules-status]');
		var timer = null;
		if (!input || rules.length === 0) {
			return;
		}
		function announce() {
			var missing = rules.filter(function (rule) { return rule.getAttribute('data-met') !== 'true'; });
			status.textContent = missing.length === 0 ? box.getAttribute('data-all-met')
				: box.getAttribute('data-progress')
					.replace('{0}', String(rules.length - missing.length))
					.replace('{1}', String(rules.length))
					.replace('{2}', missing.map(label).join(', '));
		}
		function update(event) {
			var password = input.value;
			rules.forEach(function (rule) {
				var ok = met(rule, password, box);
				rule.setAttribute('data-met', ok ? 'true' : 'false');
				rule.querySelector('[data-rule-state]').textContent =
					' : ' + box.getAttribute(ok ? 'data-text-met' : 'data-text-unmet');
			});
			if (event) {
				window.clearTimeout(timer);
				timer = window.setTimeout(announce, 700);
			}
		}
		box.hidden = false;
		update(null);
		input.addEventListener('input', update);
		var username = document.getElementById(box.getAttribute('data-username-field') || '');
		if (username) {
			username.addEventListener('input', function () { update(null); });
		}
	}

	function startAll() {
		Array.prototype.forEach.call(document.querySelectorAll('[data-password-rules]'), start);
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', startAll);
	}
	else {
		startAll();
	}
})();
