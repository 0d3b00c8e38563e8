import {
	backward,
	emptyShow,
	forward,
	gotoItem,
	toggleBlank,
	type ShowState,
	type StepBounds
} from '../lib/present/show.ts';
import type { PresentCommand } from '../lib/present/keys.ts';
import {
	SyncPeer,
	type PointerAt,
	type Stamp,
	type SyncMessage,
	type WindowRole
} from '../lib/present/sync.ts';

/** The channel both windows of one browser profile share; no server is involved. */
export const channelName = 'ipl-present-v1';

function windowId(): string {
	return typeof crypto !== 'undefined' && 'randomUUID' in crypto
		? crypto.randomUUID()
		: `w${Math.random().toString(36).slice(2)}`;
}

/** Where a window keeps the show across a reload of its tab (sessionStorage: this tab only). */
export const savedShowKey = 'ipl.present.show.v1';

interface SavedShow {
	stamp: Stamp;
	state: ShowState;
}

function isSavedShow(value: unknown): value is SavedShow {
	const v = value as Partial<SavedShow> | null;
	const plan = v?.state?.plan;
	return (
		typeof v?.stamp?.version === 'number' &&
		typeof v.stamp.origin === 'string' &&
		typeof v.state?.item === 'number' &&
		!!plan &&
		Array.isArray(plan.items) &&
		v.state.item >= 0 &&
		v.state.item < plan.items.length
	);
}

function restore(storage: Storage | null): SavedShow | null {
	try {
		const parsed: unknown = JSON.parse(storage?.getItem(savedShowKey) ?? 'null');
		return isSavedShow(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

function sessionStore(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

/**
 * One window's view of the classroom session, kept in step with the other window over a
 * BroadcastChannel. Without BroadcastChannel, or with one window only, it works on its own.
 */
export class PresentShow {
	readonly role: WindowRole;
	#state = $state.raw<ShowState>(emptyShow);
	#pointer = $state.raw<PointerAt>(null);
	#peers = $state.raw<WindowRole[]>([]);
	#bounds = $state.raw<{ item: number; bounds: StepBounds } | null>(null);
	/** Steps asked for while the current flow item's run was still being made: + forward, - back. */
	#pending: { item: number; steps: number } | null = null;
	#peer: SyncPeer<ShowState>;
	#channel: BroadcastChannel | null = null;

	#storage: Storage | null;

	/**
	 * `storage` keeps the show across a reload of this tab, so a session goes on even when the
	 * other window was closed or had not caught up yet.
	 */
	constructor(role: WindowRole, id: string = windowId(), storage: Storage | null = sessionStore()) {
		this.role = role;
		this.#storage = storage;
		const saved = restore(storage);
		this.#peer = new SyncPeer<ShowState>({
			id,
			role,
			initial: saved?.state ?? emptyShow,
			...(saved ? { initialStamp: saved.stamp } : {}),
			send: (m) => this.#channel?.postMessage(m),
			onRemote: (s) => {
				this.#state = s;
				this.#save();
			},
			onPointer: (at) => (this.#pointer = at)
		});
		this.#state = this.#peer.state;
	}

	#save(): void {
		try {
			this.#storage?.setItem(
				savedShowKey,
				JSON.stringify({ stamp: this.#peer.stamp, state: this.#peer.state })
			);
		} catch {
			// A full or blocked storage only costs the reload-safety; the show goes on.
		}
	}

	get state(): ShowState {
		return this.#state;
	}

	/** The current flow item's step range, once its run is ready; null before, or for other items. */
	get bounds(): StepBounds | null {
		const b = this.#bounds;
		return b && b.item === this.#state.item ? b.bounds : null;
	}

	/** The flow view reports the step range of the item it shows. */
	setBounds(item: number, bounds: StepBounds | null): void {
		this.#bounds = bounds ? { item, bounds } : null;
		const pending = this.#pending;
		if (!bounds || !pending || pending.item !== item || item !== this.#state.item) return;
		// A clicker pressed while the diagram was loading: the presses take effect now, in order.
		this.#pending = null;
		const move = pending.steps > 0 ? forward : backward;
		for (let i = 0; i < Math.abs(pending.steps); i++) this.update((s) => move(s, bounds));
	}

	/** Keeps a step key pressed before the flow item's run is ready; true when it was kept. */
	#hold(direction: 1 | -1): boolean {
		const item = this.#state.item;
		if (this.#state.plan?.items[item]?.kind !== 'flow' || this.bounds) return false;
		const steps = (this.#pending?.item === item ? this.#pending.steps : 0) + direction;
		this.#pending = { item, steps };
		return true;
	}

	/** Where the presenter's pointer is over the diagram, as shares of its size. */
	get pointer(): PointerAt {
		return this.#pointer;
	}

	/** Whether a projector window is open (seen from the presenter), or a presenter (from the projector). */
	get otherOpen(): boolean {
		return this.#peers.length > 0;
	}

	/** Opens the channel and asks the other window for the current state; returns the closer. */
	connect(): () => void {
		if (typeof BroadcastChannel === 'undefined') return () => {};
		const channel = new BroadcastChannel(channelName);
		this.#channel = channel;
		channel.onmessage = (e: MessageEvent<SyncMessage<ShowState>>) => {
			this.#peer.receive(e.data);
			this.#peers = [...this.#peer.peers.values()];
		};
		const bye = () => this.#peer.bye();
		addEventListener('pagehide', bye);
		this.#peer.hello();
		return () => {
			removeEventListener('pagehide', bye);
			bye();
			channel.close();
			this.#channel = null;
		};
	}

	/** Applies a change here and in the other window. */
	update(change: (s: ShowState) => ShowState): void {
		this.#state = this.#peer.update(change);
		this.#save();
	}

	/** Runs a key's command that moves or blanks the show; false for the ones a window handles itself. */
	command(command: PresentCommand): boolean {
		const count = this.#state.plan?.items.length ?? 0;
		switch (command) {
			case 'forward':
				if (!this.#hold(1)) this.update((s) => forward(s, this.bounds));
				return true;
			case 'backward':
				if (!this.#hold(-1)) this.update((s) => backward(s, this.bounds));
				return true;
			case 'first':
				this.update((s) => gotoItem(s, 0));
				return true;
			case 'last':
				this.update((s) => gotoItem(s, count - 1));
				return true;
			case 'blank':
				this.update(toggleBlank);
				return true;
			default:
				return false;
		}
	}

	/** Sends the pointer to the other window. */
	point(at: PointerAt): void {
		this.#peer.pointer(at);
	}
}
