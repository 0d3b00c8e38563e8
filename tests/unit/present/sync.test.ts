import { describe, expect, it } from 'vitest';
import {
	newer,
	SyncPeer,
	type SyncMessage,
	type WindowRole
} from '../../../src/lib/present/sync.ts';

type S = { item: number; step: number };

/**
 * A channel like BroadcastChannel: a message reaches every other open window, in the order each
 * sender sent them, when the test delivers it. Holding messages back models a slow window.
 */
class Bus {
	queue: { to: string; message: SyncMessage<S> }[] = [];
	peers = new Map<string, SyncPeer<S>>();

	open(id: string, role: WindowRole, initial: S = { item: 0, step: 0 }): SyncPeer<S> {
		const peer: SyncPeer<S> = new SyncPeer<S>({
			id,
			role,
			initial,
			send: (message) => {
				for (const other of this.peers.keys())
					if (other !== id) this.queue.push({ to: other, message });
			}
		});
		this.peers.set(id, peer);
		return peer;
	}

	close(id: string): void {
		this.peers.get(id)?.bye();
		this.peers.delete(id);
	}

	/** Delivers every queued message, including the answers they cause. */
	flush(): void {
		while (this.queue.length) {
			const { to, message } = this.queue.shift()!;
			this.peers.get(to)?.receive(message);
		}
	}
}

describe('sync between presenter and projector windows', () => {
	it('a step in either window reaches the other', () => {
		const bus = new Bus();
		const presenter = bus.open('a', 'presenter');
		const projector = bus.open('b', 'projector');
		presenter.update((s) => ({ ...s, step: 1 }));
		bus.flush();
		expect(projector.state).toEqual({ item: 0, step: 1 });
		projector.update((s) => ({ ...s, step: 2 }));
		bus.flush();
		expect(presenter.state).toEqual({ item: 0, step: 2 });
	});

	it('keeps the last of several steps even when an older message arrives late', () => {
		const bus = new Bus();
		const presenter = bus.open('a', 'presenter');
		const projector = bus.open('b', 'projector');
		presenter.update((s) => ({ ...s, step: 1 }));
		presenter.update((s) => ({ ...s, step: 2 }));
		presenter.update((s) => ({ ...s, step: 3 }));
		const [first, second, third] = bus.queue.splice(0);
		projector.receive(third!.message);
		projector.receive(first!.message);
		projector.receive(second!.message);
		expect(projector.state.step).toBe(3);
		expect(projector.stamp.version).toBe(3);
	});

	it('a projector opened late catches up at once from its hello', () => {
		const bus = new Bus();
		const presenter = bus.open('a', 'presenter');
		presenter.update((s) => ({ ...s, item: 4, step: 2 }));
		bus.flush();
		const late = bus.open('b', 'projector');
		late.hello();
		bus.flush();
		expect(late.state).toEqual({ item: 4, step: 2 });
		expect(presenter.peers.get('b')).toBe('projector');
	});

	it('a projector closed and reopened gets the state it missed', () => {
		const bus = new Bus();
		const presenter = bus.open('a', 'presenter');
		bus.open('b', 'projector').hello();
		bus.flush();
		bus.close('b');
		bus.flush();
		expect(presenter.peers.has('b')).toBe(false);
		presenter.update((s) => ({ ...s, item: 2 }));
		presenter.update((s) => ({ ...s, step: 5 }));
		bus.flush();
		const reopened = bus.open('c', 'projector');
		reopened.hello();
		bus.flush();
		expect(reopened.state).toEqual({ item: 2, step: 5 });
	});

	it('a presenter reloaded mid-session takes the state from the projector', () => {
		const bus = new Bus();
		const presenter = bus.open('a', 'presenter');
		const projector = bus.open('b', 'projector');
		presenter.update((s) => ({ ...s, item: 3 }));
		bus.flush();
		bus.close('a');
		bus.flush();
		const reloaded = bus.open('a2', 'presenter');
		reloaded.hello();
		bus.flush();
		expect(reloaded.state).toEqual({ item: 3, step: 0 });
		expect(projector.peers.has('a')).toBe(false);
	});

	it('two windows driving at once end on the same state', () => {
		const bus = new Bus();
		const a = bus.open('a', 'presenter');
		const b = bus.open('b', 'projector');
		a.update((s) => ({ ...s, step: 1 }));
		b.update((s) => ({ ...s, item: 7 }));
		bus.flush();
		expect(a.state).toEqual(b.state);
		expect(a.stamp).toEqual(b.stamp);
		// Whichever change wins, the next one from either window builds on the shared state.
		a.update((s) => ({ ...s, step: s.step + 1 }));
		bus.flush();
		expect(b.state).toEqual(a.state);
	});

	it('a change that leaves the state as it was sends nothing', () => {
		const bus = new Bus();
		const a = bus.open('a', 'presenter');
		bus.open('b', 'projector');
		a.update((s) => s);
		expect(bus.queue).toEqual([]);
	});

	it('passes the pointer on without changing the state or its version', () => {
		const bus = new Bus();
		const seen: unknown[] = [];
		const a = bus.open('a', 'presenter');
		const b = new SyncPeer<S>({
			id: 'b',
			role: 'projector',
			initial: { item: 0, step: 0 },
			send: () => {},
			onPointer: (at) => seen.push(at)
		});
		bus.peers.set('b', b);
		a.pointer({ x: 0.5, y: 0.25 });
		a.pointer(null);
		bus.flush();
		expect(seen).toEqual([{ x: 0.5, y: 0.25 }, null]);
		expect(b.stamp.version).toBe(0);
	});

	it('orders stamps by version, then by window id', () => {
		expect(newer({ version: 2, origin: 'a' }, { version: 1, origin: 'z' })).toBe(true);
		expect(newer({ version: 2, origin: 'b' }, { version: 2, origin: 'a' })).toBe(true);
		expect(newer({ version: 2, origin: 'a' }, { version: 2, origin: 'a' })).toBe(false);
	});
});
