// Applies the remembered theme before the first paint, so a dark or projector theme never flashes
// light. A file rather than an inline script, so the content security policy allows no inline script.
(function () {
	var theme = 'system';
	var motion = 'system';
	try {
		var s = JSON.parse(localStorage.getItem('ipl.settings.v1') || '{}');
		if (s && s.theme) theme = s.theme;
		if (s && s.motion) motion = s.motion;
	} catch (e) {}
	if (theme === 'system')
		theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
	document.documentElement.dataset.theme = theme;
	if (motion === 'system')
		motion = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'reduce' : 'full';
	document.documentElement.dataset.motion = motion;
})();
