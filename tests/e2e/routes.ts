/** Every route of the app with a real example URL, for the browser tests that visit them all. */
export const appRoutes = [
	{ name: 'home', hash: '#/' },
	{ name: 'flows', hash: '#/flows' },
	{ name: 'flow', hash: '#/flows/enhanced-authenticated', ready: 'main svg' },
	{ name: 'lessons', hash: '#/lessons' },
	{ name: 'lesson', hash: '#/lessons/what-identity-pools-are', ready: 'main svg' },
	{ name: 'lesson-with-two-diagrams', hash: '#/lessons/the-enhanced-flow', ready: 'main svg' },
	{ name: 'practice', hash: '#/practice' },
	{ name: 'exam', hash: '#/exam' },
	{ name: 'progress', hash: '#/progress' },
	{ name: 'present', hash: '#/present' },
	{ name: 'settings', hash: '#/settings' },
	{ name: 'lab', hash: '#/lab' },
	{ name: 'not-found', hash: '#/no-such-page' }
] as const;

export const chromiumThemes = ['light', 'dark', 'projector'] as const;
