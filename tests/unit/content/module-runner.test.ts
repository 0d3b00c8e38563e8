import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// Build-time tools import the flow runner through Vite's module runner with the project's plugins;
// the step texts must reach it the same way they reach the app.
it('runs a flow through a Vite module runner with the project config, step texts included', async () => {
	const server = await createServer({
		configFile: `${root}vite.config.ts`,
		root,
		server: { middlewareMode: true, hmr: false, watch: null },
		appType: 'custom',
		logLevel: 'error'
	});
	const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
	try {
		const { runFlow } = (await runner.import('/src/lib/flows/run-flow.ts')) as {
			runFlow: typeof import('../../../src/lib/flows/run-flow.ts').runFlow;
		};
		const run = await runFlow('basic-guest');
		expect(run.steps.find((s) => s.id === 'get-id')?.narration).toBe(
			'The app calls GetId with only the identity pool ID: no Logins means a guest identity.'
		);
	} finally {
		await runner.close();
		await server.close();
	}
}, 60_000);
