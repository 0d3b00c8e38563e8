import type { CheckupReport } from '../lib/lab/checkup.ts';
import type { Explanation } from '../lib/lab/explain-error.ts';
import type { LabRun, LabRunOptions } from '../lib/lab/lab-run.ts';
import type { parseLabConfig } from '../lib/lab/parse-config.ts';
import {
	maxInputChars,
	nothingGiven,
	type LabInput,
	type LabParseResult
} from '../lib/lab/types.ts';
import { exportText, loadLab, maxInputs, readStoredLab, saveLab } from './lab-store.ts';

/**
 * The lab screen's state: what was pasted, the answers to placeholders, the configuration read from
 * them, and the latest checkup, run and error explanation. Everything stays in this browser.
 */
export class LabState {
	#inputs = $state.raw<LabInput[]>([]);
	#answers = $state.raw<Record<string, string>>({});
	// The parser (a YAML reader and the CLI and CloudFormation shapes) loads with the first input,
	// so the screen opens without it; until it is there, inputs wait as being read.
	#parse = $state.raw<typeof parseLabConfig | null>(null);
	#result = $derived<LabParseResult>(
		this.#inputs.length === 0
			? nothingGiven()
			: this.#parse
				? this.#parse(this.#inputs, this.#answers)
				: { ok: false, problems: [], read: [] }
	);
	#report = $state.raw<CheckupReport | null>(null);
	#run = $state.raw<LabRun | null>(null);
	#explanation = $state.raw<Explanation | null>(null);
	#busy = $state('');
	#message = $state('');
	#saved = $state(false);
	#loaded: Promise<void> | undefined;
	#parsing: Promise<void> | undefined;

	get inputs(): LabInput[] {
		return this.#inputs;
	}
	get answers(): Record<string, string> {
		return this.#answers;
	}
	get result(): LabParseResult {
		return this.#result;
	}
	/** Whether inputs are waiting for the parser to load. */
	get reading(): boolean {
		return this.#inputs.length > 0 && this.#parse === null;
	}
	get report(): CheckupReport | null {
		return this.#report;
	}
	get run(): LabRun | null {
		return this.#run;
	}
	get explanation(): Explanation | null {
		return this.#explanation;
	}
	/** What is being worked on ("checkup", "run"), or empty. */
	get busy(): string {
		return this.#busy;
	}
	/** The last message for the user (saved, removed, refused). */
	get message(): string {
		return this.#message;
	}
	/** Whether a configuration is saved on this device. */
	get saved(): boolean {
		return this.#saved;
	}

	/** Loads the configuration saved on this device, once. */
	load(): Promise<void> {
		this.#loaded ??= loadLab().then((lab) => {
			if (!lab || this.#inputs.length > 0) return;
			this.#inputs = lab.inputs;
			this.#answers = lab.answers;
			this.#saved = true;
			this.#needParser();
		});
		return this.#loaded;
	}

	/** Loads the parser, once; a failure is said, and the next input tries again. */
	#needParser(): void {
		if (this.#parse || this.#parsing || this.#inputs.length === 0) return;
		this.#parsing = import('../lib/lab/parse-config.ts').then(
			(m) => {
				this.#parse = m.parseLabConfig;
			},
			(err: unknown) => {
				this.#parsing = undefined;
				this.#message = `The lab could not load its reader: ${err instanceof Error ? err.message : String(err)}`;
			}
		);
	}

	#changed(): void {
		this.#needParser();
		this.#report = null;
		this.#run = null;
		void saveLab({ inputs: this.#inputs, answers: this.#answers }).then(
			(ok) => (this.#saved = ok && this.#inputs.length > 0)
		);
	}

	/** Refuses a file before reading it, because of its size in bytes. */
	refuseLarge(name: string, bytes: number): void {
		this.#message = `${name} is ${bytes} bytes; the lab reads at most ${maxInputChars} characters.`;
	}

	/** Adds pasted text or a dropped file; refuses what is too large. */
	add(name: string, text: string): boolean {
		if (text.length > maxInputChars) {
			this.#message = `${name} is ${text.length} characters long; the lab reads at most ${maxInputChars}.`;
			return false;
		}
		if (this.#inputs.length >= maxInputs) {
			this.#message = `The lab holds at most ${maxInputs} inputs; remove one first.`;
			return false;
		}
		if (text.trim() === '') {
			this.#message = 'There is nothing to add: the text is empty.';
			return false;
		}
		const taken = new Set(this.#inputs.map((i) => i.name));
		let unique = name;
		for (let n = 2; taken.has(unique); n++) unique = `${name} (${n})`;
		this.#inputs = [...this.#inputs, { name: unique, text }];
		this.#message = `Added ${unique}.`;
		this.#changed();
		return true;
	}

	remove(index: number): void {
		const gone = this.#inputs[index];
		this.#inputs = this.#inputs.filter((_, i) => i !== index);
		this.#message = gone ? `Removed ${gone.name}.` : '';
		this.#changed();
	}

	/** Says which role a managed policy (get-policy-version output) is attached to. */
	attach(index: number, roleName: string): void {
		this.#inputs = this.#inputs.map((input, i) =>
			i === index
				? { name: input.name, text: input.text, ...(roleName ? { attachTo: roleName } : {}) }
				: input
		);
		this.#changed();
	}

	answer(key: string, value: string): void {
		const next = { ...this.#answers };
		if (value.trim() === '') delete next[key];
		else next[key] = value.trim().slice(0, 2048);
		this.#answers = next;
		this.#changed();
	}

	/** Removes the configuration from this page and from this device. */
	clear(): void {
		this.#inputs = [];
		this.#answers = {};
		this.#explanation = null;
		this.#message = 'Your configuration was removed from this device.';
		this.#changed();
	}

	exportText(): string {
		return exportText({ inputs: this.#inputs, answers: this.#answers });
	}

	/** Replaces the configuration with an exported file's. */
	importText(text: string): void {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			this.#message = 'The file is not JSON; choose a file the lab exported.';
			return;
		}
		const { lab, problems } = readStoredLab(value);
		if (!lab) {
			this.#message = `The file was not imported: ${problems.join('; ')}.`;
			return;
		}
		this.#inputs = lab.inputs;
		this.#answers = lab.answers;
		this.#message = `Imported ${lab.inputs.length} input(s).`;
		this.#changed();
	}

	async checkup(): Promise<void> {
		const result = this.#result;
		if (!result.ok) return;
		this.#busy = 'checkup';
		try {
			const { runCheckup } = await import('../lib/lab/checkup.ts');
			this.#report = await runCheckup(result.config);
		} catch (err) {
			this.#message = `The checkup stopped: ${err instanceof Error ? err.message : String(err)}`;
		} finally {
			this.#busy = '';
		}
	}

	async runFlow(options: LabRunOptions): Promise<void> {
		const result = this.#result;
		if (!result.ok) return;
		this.#busy = 'run';
		try {
			const { runLabFlow } = await import('../lib/lab/lab-run.ts');
			this.#run = await runLabFlow(result.config, options);
		} catch (err) {
			this.#message = `The run stopped: ${err instanceof Error ? err.message : String(err)}`;
		} finally {
			this.#busy = '';
		}
	}

	async explain(text: string): Promise<void> {
		const { explainError } = await import('../lib/lab/explain-error.ts');
		this.#explanation = text.trim() ? explainError(text) : null;
	}
}
