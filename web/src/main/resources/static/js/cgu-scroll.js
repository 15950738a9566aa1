// Vélizy: the CGU can be accepted only once the text was scrolled to the bottom. Without
// JavaScript the checkbox simply stays enabled (the server still requires it).
(function () {
	'use strict';
	var text = document.getElementById('cgu-text');
	var accept = document.getElementById('accept');
	var submit = document.getElementById('cgu-submit');
	if (!text || !accept || !submit || text.getAttribute('data-scroll-to-accept') !== 'true') {
		return;
	}
	function atBottom() {
		return text.scrollTop + text.clientHeight >= text.scrollHeight - 4;
	}
	function update() {
		var enabled = atBottom();
		accept.disabled = !enabled;
		submit.disabled = !enabled;
		if (enabled) {
			text.removeEventListener('scroll', update);
		}
	}
	text.addEventListener('scroll', update, { passive: true });
	update();
}());
