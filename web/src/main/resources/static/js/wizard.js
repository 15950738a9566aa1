/*
 * Wizard pages: progressive enhancement only. Every page works without this file
 * (no inline script either, so a strict Content-Security-Policy can forbid them).
 *  - focus on the error summary when a page comes back with errors;
 *  - the final VALIDER sends once (the server is idempotent anyway);
 *  - CGU that must be scrolled to the bottom before accepting (Vélizy);
 *  - address search as you type (combobox + listbox, WAI-ARIA 1.2 pattern).
 */
(function () {
	'use strict';

	function focusErrorSummary() {
		var summary = document.querySelector('[data-error-summary]');
		if (summary) {
			summary.focus();
		}
	}

	function sendOnce() {
		var form = document.querySelector('[data-wizard-form]');
		if (!form) {
			return;
		}
		form.addEventListener('submit', function (event) {
			if (form.getAttribute('data-submitting') === 'true') {
				event.preventDefault();
				return;
			}
			var submitter = event.submitter;
			if (submitter && submitter.hasAttribute('data-final')) {
				form.setAttribute('data-submitting', 'true');
				// disabled after the browser read the button's name and value
				window.setTimeout(function () {
					submitter.disabled = true;
					submitter.setAttribute('aria-busy', 'true');
				}, 0);
			}
		});
	}

	function scrollToAccept() {
		var terms = document.querySelector('[data-scroll-to-accept="true"]');
		var checkbox = document.querySelector('[data-scroll-gated]');
		var hint = document.querySelector('[data-scroll-hint]');
		if (!terms || !checkbox) {
			return;
		}
		function atBottom() {
			return terms.scrollTop + terms.clientHeight >= terms.scrollHeight - 8;
		}
		function enable() {
			checkbox.disabled = false;
			if (hint) {
				hint.hidden = true;
			}
			terms.removeEventListener('scroll', onScroll);
		}
		function onScroll() {
			if (atBottom()) {
				enable();
			}
		}
		if (checkbox.checked || atBottom()) {
			return;
		}
		checkbox.disabled = true;
		if (hint) {
			hint.hidden = false;
		}
		terms.addEventListener('scroll', onScroll);
	}

	function addressSearch() {
		var box = document.querySelector('[data-address-search]');
		if (!box || !window.fetch) {
			return;
		}
		var input = box.querySelector('[role="combobox"]');
		var list = box.querySelector('[role="listbox"]');
		var status = box.querySelector('[data-address-status]');
		var timer = null;
		var suggestions = [];
		var active = -1;

		function field(name) {
			return document.getElementById('champ-' + name);
		}
		function close() {
			list.hidden = true;
			list.innerHTML = '';
			input.setAttribute('aria-expanded', 'false');
			input.removeAttribute('aria-activedescendant');
			active = -1;
		}
		function choose(index) {
			var s = suggestions[index];
			if (!s) {
				return;
			}
			input.value = s.label || '';
			var parts = { streetNumber: s.houseNumber, streetName: s.street, postalCode: s.postcode, city: s.city };
			Object.keys(parts).forEach(function (name) {
				var target = field(name);
				if (target && parts[name]) {
					target.value = parts[name];
				}
			});
			var country = field('country');
			if (country && !country.value) {
				country.value = 'France';
			}
			close();
			status.textContent = 'Adresse choisie : ' + input.value;
		}
		function highlight(index) {
			var options = list.querySelectorAll('[role="option"]');
			options.forEach(function (option, i) {
				option.setAttribute('aria-selected', i === index ? 'true' : 'false');
			});
			active = index;
			if (options[index]) {
				input.setAttribute('aria-activedescendant', options[index].id);
			}
		}
		function show(items) {
			suggestions = items;
			list.innerHTML = '';
			items.forEach(function (s, i) {
				var option = document.createElement('li');
				option.id = 'adresse-proposition-' + i;
				option.setAttribute('role', 'option');
				option.setAttribute('aria-selected', 'false');
				option.textContent = s.label;
				option.addEventListener('mousedown', function (event) {
					event.preventDefault();
					choose(i);
				});
				list.appendChild(option);
			});
			var open = items.length > 0;
			list.hidden = !open;
			input.setAttribute('aria-expanded', open ? 'true' : 'false');
			status.textContent = open ? items.length + ' adresse(s) proposée(s), utilisez les flèches pour choisir.'
				: 'Aucune adresse proposée : vous pouvez la saisir vous-même.';
		}
		function search() {
			var query = input.value.trim();
			if (query.length < 3) {
				close();
				return;
			}
			fetch('/adresse/recherche?q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
				.then(function (response) {
					return response.ok ? response.json() : [];
				})
				.then(function (data) {
					var items = Array.isArray(data) ? data : (data && (data.suggestions || data.results)) || [];
					show(items.filter(function (s) { return s && s.label; }).slice(0, 8));
				})
				.catch(function () {
					close();
				});
		}
		input.addEventListener('input', function () {
			window.clearTimeout(timer);
			timer = window.setTimeout(search, 250);
		});
		input.addEventListener('keydown', function (event) {
			if (list.hidden) {
				// Down Arrow opens the list again (WAI-ARIA combobox pattern)
				if (event.key === 'ArrowDown' && suggestions.length > 0 && input.value.trim().length >= 3) {
					event.preventDefault();
					show(suggestions);
					highlight(0);
				}
				return;
			}
			if (event.key === 'ArrowDown') {
				event.preventDefault();
				highlight(Math.min(active + 1, suggestions.length - 1));
			}
			else if (event.key === 'ArrowUp') {
				event.preventDefault();
				highlight(Math.max(active - 1, 0));
			}
			else if (event.key === 'Enter' && active >= 0) {
				event.preventDefault();
				choose(active);
			}
			else if (event.key === 'Escape') {
				close();
			}
		});
		input.addEventListener('blur', function () {
			window.setTimeout(close, 150);
		});
	}

	function start() {
		focusErrorSummary();
		sendOnce();
		scrollToAccept();
		addressSearch();
	}

	if (document.readyState === 'loading') {
		document.addEventListener('DOMContentLoaded', start);
	}
	else {
		start();
	}
})();
