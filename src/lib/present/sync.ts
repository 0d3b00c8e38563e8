/**
 * Keeps the presenter and projector windows in step over a message channel (BroadcastChannel in
 * the app, plain functions in tests). Each window holds the whole shared state with a stamp; a
 * change raises the stamp's version, and every window keeps the state with the highest stamp,
 * with the window id breaking ties. So messages that arrive late or twice change nothing, two
 * windows driving at once end on the same state, and a window that opens late asks with `hello`
 * and is answered with the current state at once.
 */

export type WindowRole = 'presenter' | 'projector';

export interface Stamp {
	version: number;
	/** The window that made this version. */
	origin: string;
}

/** A point on the diagram, as shares of its width and height; null when the pointer left. */
export type PointerAt = { x: number; y: number } | null;

export type SyncMessage<S> =
	| { type: 'hello'; from: string; role: WindowRole }
	| { type: 'state'; from: string; role: WindowRole; stamp: Stamp; state: S }
	| { type: 'pointer'; from: string; at: PointerAt }
	| { type: 'bye'; from: string };

/** Whether stamp `a` is newer than `b`. */
export function newer(a: Stamp, b: Stamp): boolean {
	return a.version > b.version || (a.version === b.version && a.origin > b.origin);
}

export interface SyncPeerOptions<S> {
	id: string;
	role: WindowRole;
	initial: S;
	/** The stamp `initial` was made with, when a window restores a state it had before a reload. */
	initialStamp?: Stamp;
	send: (message: SyncMessage<S>) => void;
	/** Called after the state changed because of another window. */
	onRemote?: (state: S) => void;
	onPointer?: (at: PointerAt, from: string) => void;
}

/** One window's end of the sync: its copy of the state and the other windows it has heard. */
export class SyncPeer<S> {
	readonly id: string;
	readonly role: WindowRole;
	#state: S;
	#stamp: Stamp;
	#peers = new Map<string, WindowRole>();
	#options: SyncPeerOptions<S>;

	constructor(options: SyncPeerOptions<S>) {
		this.id = options.id;
		this.role = options.role;
		this.#state = options.initial;
		// Version 0: any state another window has already made wins over a fresh window's.
		this.#stamp = options.initialStamp ?? { version: 0, origin: options.id };
		this.#options = options;
	}

	get state(): S {
		return this.#state;
	}

	get stamp(): Stamp {
		return this.#stamp;
	}

	/** The other windows, by id, with their roles. */
	get peers(): ReadonlyMap<string, WindowRole> {
		return this.#peers;
	}

	/** Announces this window; every window that hears it answers with its state. */
	hello(): void {
		this.#options.send({ type: 'hello', from: this.id, role: this.role });
	}

	/** Applies a change made in this window and sends the result to the others. */
	update(change: (state: S) => S): S {
		const next = change(this.#state);
		if (next === this.#state) return next;
		this.#state = next;
		this.#stamp = { version: this.#stamp.version + 1, origin: this.id };
		this.#broadcast();
		return next;
	}

	/** Sends where the pointer is over the diagram; not part of the state, so never replayed. */
	pointer(at: PointerAt): void {
		this.#options.send({ type: 'pointer', from: this.id, at });
	}

	/** Tells the others this window is closing. */
	bye(): void {
		this.#options.send({ type: 'bye', from: this.id });
	}

	/** Handles a message from another window; returns true when the state changed. */
	receive(message: SyncMessage<S>): boolean {
		if (message.from === this.id) return false;
		switch (message.type) {
			case 'hello':
				this.#peers.set(message.from, message.role);
				this.#broadcast();
				return false;
			case 'bye':
				this.#peers.delete(message.from);
				return false;
			case 'pointer':
				this.#options.onPointer?.(message.at, message.from);
				return false;
			case 'state':
				this.#peers.set(message.from, message.role);
				if (!newer(message.stamp, this.#stamp)) return false;
				this.#stamp = message.stamp;
				this.#state = message.state;
				this.#options.onRemote?.(message.state);
				return true;
		}
	}

	#broadcast(): void {
		this.#options.send({
			type: 'state',
			from: this.id,
			role: this.role,
			stamp: this.#stamp,
			state: this.#state
		});
	}
}
