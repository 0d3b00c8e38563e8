import { findFlow, type FlowId, type ProviderId } from '../lib/flows/catalogue.ts';
import { compareRuns, cursorAt, type RunComparison } from '../lib/flows/compare.ts';
import {
	decodeFlowLink,
	encodeFlowLink,
	withPartner,
	type FlowLink
} from '../lib/flows/deep-link.ts';
import { demoRunOptions } from '../lib/flows/recording.ts';
import type { RecordedRun, RunFlowOptions } from '../lib/flows/run-flow.ts';
import type { BreakSettings, FlowRun } from '../lib/flows/types.ts';
import type { PlayerClock } from '../lib/player/clock.ts';
import { FlowPlayer } from './flow-player.svelte.ts';

/** Runs a flow on the simulator; the screen passes `runFlow`, tests a stand-in. */
export type FlowRunner = (flowId: FlowId, options: RunFlowOptions) => Promise<RecordedRun>;

export interface FlowSessionOptions {
	clock?: PlayerClock;
	reducedMotion?: () => boolean;
}

function sameRunInputs(a: FlowLink, b: FlowLink): boolean {
	const strip = (l: FlowLink) => encodeFlowLink({ ...l, step: 0 }).toString();
	return a.flowId === b.flowId && strip(a) === strip(b);
}

/**
 * One flow screen's state: the deep link it shows, the run and player for it, and the compare
 * partner's run lined up with one shared cursor. Re-runs the simulator when a setting changes.
 */
export class FlowSession {
	#runner: FlowRunner;
	#options: FlowSessionOptions;
	#link = $state.raw<FlowLink | null>(null);
	#problems = $state.raw<string[]>([]);
	#player = $state.raw<FlowPlayer | null>(null);
	#partner = $state.raw<FlowRun | null>(null);
	#comparison = $state.raw<RunComparison | null>(null);
	#error = $state('');
	#flowId = $state('');
	#generation = 0;

	constructor(runner: FlowRunner, options: FlowSessionOptions = {}) {
		this.#runner = runner;
		this.#options = options;
	}

	get link(): FlowLink | null {
		return this.#link;
	}

	/** What in the opened link was ignored, one sentence each. */
	get problems(): string[] {
		return this.#problems;
	}

	get player(): FlowPlayer | null {
		return this.#player;
	}

	get partner(): FlowRun | null {
		return this.#partner;
	}

	get comparison(): RunComparison | null {
		return this.#comparison;
	}

	get error(): string {
		return this.#error;
	}

	/** The partner's step under the shared cursor; -1 before the partner's first aligned step. */
	get partnerIndex(): number {
		const player = this.#player;
		const comparison = this.#comparison;
		if (!player || !comparison) return -1;
		const row = comparison.alignment.findIndex((r) => r.a === player.index);
		return cursorAt(comparison.alignment, row).b ?? -1;
	}

	/** Step indexes that differ from the partner, for the main run and for the partner. */
	get marks(): { a: Set<number>; b: Set<number> } {
		const a = new Set<number>();
		const b = new Set<number>();
		const run = this.#player?.run;
		const partner = this.#partner;
		for (const d of this.#comparison?.differences ?? []) {
			if (d.same) continue;
			for (const id of d.stepsA) {
				const i = run?.steps.findIndex((s) => s.id === id) ?? -1;
				if (i >= 0) a.add(i);
			}
			for (const id of d.stepsB) {
				const i = partner?.steps.findIndex((s) => s.id === id) ?? -1;
				if (i >= 0) b.add(i);
			}
		}
		return { a, b };
	}

	/** The tab title: the flow's own title, the same on every step. */
	get title(): string {
		const flow = findFlow(this.#flowId);
		return `${flow ? flow.title : 'Flow'} · Identity Pool Lab`;
	}

	/**
	 * Writes the visible state into the URL, without a history entry, once stepping pauses:
	 * rewriting the URL re-renders the route, work a held arrow key need not repeat. It is written
	 * at once when the page is hidden, so switching away or closing keeps the step. Call it from an
	 * effect; it returns the cleanup.
	 */
	syncUrl(current: () => URLSearchParams, replace: (next: URLSearchParams) => void): () => void {
		const next = this.query();
		const write = () => {
			if (next.toString() !== current().toString()) replace(next);
		};
		const timer = setTimeout(write, 200);
		document.addEventListener('visibilitychange', write);
		return () => {
			clearTimeout(timer);
			document.removeEventListener('visibilitychange', write);
		};
	}

	/** The query that encodes the whole visible state, step included. */
	query(): URLSearchParams {
		const link = this.#link;
		if (!link) return new URLSearchParams();
		return encodeFlowLink({ ...link, step: this.#player?.index ?? link.step });
	}

	/** Opens what a route asks for: re-runs only when the flow, provider, settings or partner changed. */
	async open(flowId: string, query: URLSearchParams): Promise<void> {
		const { link, problems } = decodeFlowLink(flowId, query);
		this.#flowId = link.flowId;
		this.#problems = problems;
		const current = this.#link;
		if (current && this.#player && sameRunInputs(current, link)) {
			if (link.step !== this.#player.index) this.#player.goto(link.step);
			// Keep the settings objects the panels already show, so a step change re-renders only
			// what depends on the step.
			if (link.step !== current.step) this.#link = { ...current, step: link.step };
			return;
		}
		await this.#apply(link);
	}

	/** Changes the provider or "break it" settings and runs the flow again at the same step. */
	async configure(provider: ProviderId | undefined, settings: BreakSettings): Promise<void> {
		const link = this.#link;
		if (!link) return;
		const next: FlowLink = { ...link, settings, step: this.#player?.index ?? link.step };
		delete next.provider;
		if (provider && provider !== 'userpool') next.provider = provider;
		await this.#apply(next);
	}

	/**
	 * Picks (or clears) the flow shown side by side, and optionally its identity provider, so one
	 * flow can be compared under two providers.
	 */
	async compareWith(partner: FlowId | undefined, partnerProvider?: ProviderId): Promise<void> {
		const link = this.#link;
		if (!link) return;
		const at = { ...link, step: this.#player?.index ?? link.step };
		await this.#apply(withPartner(at, partner, partnerProvider));
	}

	/** Drops any run still on its way and stops the player. */
	destroy(): void {
		this.#generation++;
		this.#player?.destroy();
	}

	async #apply(asked: FlowLink): Promise<void> {
		const generation = ++this.#generation;
		this.#error = '';
		try {
			// The runner decides which provider and settings a flow runs with; the link is given as
			// asked, and afterwards names the provider the run used.
			const main = this.#runner(asked.flowId, demoRunOptions(asked.provider, asked.settings));
			const partnerId = asked.compare && findFlow(asked.compare) ? asked.compare : undefined;
			const partner = partnerId
				? this.#runner(
						partnerId,
						demoRunOptions(asked.compareProvider ?? asked.provider, asked.settings)
					)
				: Promise.resolve(null);
			const [run, partnerRun] = await Promise.all([main, partner]);
			if (generation !== this.#generation) return;
			const link: FlowLink = { ...asked };
			delete link.provider;
			if (run.provider && run.provider !== 'userpool') link.provider = run.provider;
			this.#player?.destroy();
			this.#link = link;
			this.#player = new FlowPlayer(run, { ...this.#options, start: link.step });
			this.#partner = partnerRun;
			this.#comparison = partnerRun ? compareRuns(run, partnerRun) : null;
		} catch (e) {
			if (generation !== this.#generation) return;
			this.#error = e instanceof Error ? e.message : String(e);
		}
	}
}
