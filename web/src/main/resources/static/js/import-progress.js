// Account import progress (/admin/import/{id}): polls the state and updates the status
// line; reloads the page for the summary once done. Without script, the page reloads
// itself (noscript meta refresh) and offers a link.
(function () {
	'use strict';
	var box = document.querySelector('[data-import-progress]');
	if (!box) {
		return;
	}
	var url = box.getAttribute('data-import-progress');
	var text = box.querySelector('[data-progress-text]');
	var bar = box.querySelector('progress');
	function poll() {
		fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				return response.ok ? response.json() : null;
			})
			.then(function (progress) {
				if (!progress) {
					window.setTimeout(poll, 3000);
					return;
				}
				if (progress.state !== 'RUNNING') {
					window.location.reload();
					return;
				}
				if (text.textContent !== progress.text) {
					text.textContent = progress.text;
				}
				bar.max = Math.max(progress.toCreate, 1);
				bar.value = progress.created;
				window.setTimeout(poll, 1500);
			})
			.catch(function () {
				window.setTimeout(poll, 3000);
			});
	}
	window.setTimeout(poll, 1500);
})();
