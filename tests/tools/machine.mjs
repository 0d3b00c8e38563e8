// How busy the machine is, printed by every browser benchmark at its start and end: other work on
// a 2-core machine shows up in every figure.
import { cpus, loadavg } from 'node:os';

const averages = () =>
	loadavg()
		.map((n) => n.toFixed(1))
		.join(' ');

/** "Machine: 2 cores, load average 1.2 0.8 0.5 (1, 5, 15 min) at the start". */
export const machineAtStart = () =>
	`Machine: ${cpus().length} cores, load average ${averages()} (1, 5, 15 min) at the start`;

/** "Load average at the end: 1.2 0.8 0.5". */
export const loadAtEnd = () => `Load average at the end: ${averages()}`;
