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
	if (location.hash.length > 2) import('./route-preload.js').catch(function () {});
})();
