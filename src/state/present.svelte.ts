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
	#peer: SyncPeer<ShowState>;
	#channel: BroadcastChannel | null = null;

	constructor(role: WindowRole, id: string = windowId()) {
		this.role = role;
		this.#peer = new SyncPeer<ShowState>({
			id,
			role,
			initial: emptyShow,
			send: (m) => this.#channel?.postMessage(m),
			onRemote: (s) => (this.#state = s),
			onPointer: (at) => (this.#pointer = at)
		});
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
	}

	/** Runs a key's command that moves or blanks the show; false for the ones a window handles itself. */
	command(command: PresentCommand): boolean {
		const count = this.#state.plan?.items.length ?? 0;
		switch (command) {
			case 'forward':
				this.update((s) => forward(s, this.bounds));
				return true;
			case 'backward':
				this.update((s) => backward(s, this.bounds));
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
