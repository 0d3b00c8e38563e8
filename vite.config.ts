import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentPlugin } from './src/lib/content/vite-plugin.ts';
import { flowModelPlugin } from './src/lib/flows/vite-plugin.ts';
import { routePreloadPlugin } from './src/lib/router/vite-plugin.ts';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
	// Relative URLs, so the same build works at a domain's root or under any sub-path.
	base: './',
	publicDir: 'static',
	define: {
		__APP_VERSION__: JSON.stringify(pkg.version)
	},
	plugins: [
		{
			// static/theme.js applies the remembered theme and motion setting before the first paint, so
			// a dark or projector theme never flashes light: a file, since the content security policy
			// allows no inline script, and without comments, since every page's first load carries it.
			// On a link to any screen but Home it also loads route-preload.js (routePreloadPlugin).
			// Vite puts the entry's <script type="module"> and stylesheet after theme.js in <head>;
			// theme.js blocks the parser, so Chromium asked for them only once it had arrived. After
			// them, all three are asked for at once, and theme.js still runs before the first paint.
			name: 'identity-pool-lab:theme-script-last',
			transformIndexHtml: {
				order: 'post',
				handler(html) {
					const theme = /[ \t]*<script src="[^"]*theme\.js"><\/script>\n?/;
					const tag = theme.exec(html)?.[0];
					if (!tag) throw new Error('index.html has no theme.js script');
					return html.replace(theme, '').replace('</head>', `${tag.trim()}\n\t</head>`);
				}
			}
		},
		{
			// Every chunk asks Chromium (136 and later) to compile all its functions while the file
			// streams in, on a background thread, rather than each on the main thread when it is
			// first called: a chunk is loaded only when its screen needs it, and the screen then runs
			// most of it. On a flow page this takes about a third off the main thread's script time.
			// Other browsers read it as a comment.
			name: 'identity-pool-lab:compile-hints',
			apply: 'build',
			generateBundle: {
				// After minifying, which drops comments.
				order: 'post',
				handler(_options, bundle) {
					for (const file of Object.values(bundle))
						if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
				}
			}
		},
		contentPlugin(),
		flowModelPlugin(),
		routePreloadPlugin(),
		svelte(),
		VitePWA({
			strategies: 'generateSW',
			registerType: 'prompt',
			injectRegister: false,
			includeAssets: ['robots.txt', 'icons/*.png', 'icons/*.svg'],
			manifest: {
				name: 'Identity Pool Lab',
				short_name: 'Pool Lab',
				description:
					'Learn Amazon Cognito identity pools: animated flows, an offline simulator, lessons and exam-style quizzes.',
				start_url: './',
				scope: './',
				display: 'standalone',
				theme_color: '#1f4e8c',
				background_color: '#ffffff',
				icons: [
					{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: 'icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,txt,md,json}'],
				navigateFallback: 'index.html',
				cleanupOutdatedCaches: true,
				// Take control on the first visit so the app works offline at once; updates still wait for the learner.
				clientsClaim: true
			}
		})
	],
	// The manifest maps each screen to its chunks, so `npm run bench` can size each route's first
	// load. Every browser the app supports preloads modules itself (`<link rel="modulepreload">`),
	// so the first load does without Vite's polyfill for those that do not.
	build: {
		manifest: true,
		modulePreload: { polyfill: false },
		rolldownOptions: {
			output: {
				codeSplitting: {
					// The stored progress comes as one chunk: its state, storage, packed record, record
					// checks and idb are always asked for together, and one request instead of four
					// keeps a progress page's modules closer to one wave over the browser's six
					// connections to the host.
					groups: [
						{
							// What reads a flow's recorded runs: the flow page and a lesson's flow diagrams
							// always load it together, and the simulator imports the snapshot. (Which chunk
							// holds which recording is in the app's first script, which starts loading it.)
							name: 'flow-runs',
							includeDependenciesRecursively: false,
							test: /\/lib\/flows\/(recorded-runs|recording|run-snapshot)\.ts$/
						},
						{
							// The sequence diagram and the rich text under it, used together by every page
							// that draws a flow. A component's styles (`?svelte&type=style`) go with it.
							name: 'diagram',
							includeDependenciesRecursively: false,
							test: /\/lib\/(diagram\/layout|inspector\/inline-code)\.ts$|\/node_modules\/d3-ease\/|\/components\/(diagram\/SequenceDiagram|inspector\/RichText)\.svelte(\?.*)?$/
						},
						{
							// The inspector and what it reads from a run (tokens, claims, comparisons).
							name: 'inspector',
							includeDependenciesRecursively: false,
							test: /\/lib\/(inspector\/(jwt|claims|inspect)|flows\/compare)\.ts$|\/components\/inspector\/(Inspector|JwtTable|CopyButton)\.svelte(\?.*)?$/
						},
						{
							name: 'progress-store',
							// Only these modules: what they import stays where it was.
							includeDependenciesRecursively: false,
							test: /\/(state\/progress\.svelte|lib\/study\/(progress-db|snapshot|records|summary|rating))\.ts$|\/node_modules\/idb\//
						}
					]
				}
			}
		}
	},
	// The practice screen's question worker loads the simulator's keys as separate chunks; it runs
	// flows, so it reads the step texts through the content plugin too.
	worker: { format: 'es', plugins: () => [contentPlugin()] },
	preview: { port: 4173, strictPort: true },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					benchmark: { include: ['tests/bench/**/*.bench.ts'] }
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['tests/component/**/*.test.ts'],
					setupFiles: ['tests/component/setup.ts']
				}
			}
		]
	}
});
