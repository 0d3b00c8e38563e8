/**
 * Sequence-diagram geometry: where lanes, arrows, notes and the travelling packet go. Pure
 * functions of the flow's steps and the available width, so the picture for a step is always the
 * same and is tested as strings; Svelte draws the elements from these numbers.
 */
import { easeCubicInOut } from 'd3-ease';
import { lanes as laneInfo, type LaneId } from '../flows/catalogue.ts';
import type { FlowStep, StepKind } from '../flows/types.ts';

export interface DiagramOptions {
	/** Pixels available; the diagram never gets narrower than it needs to keep labels readable. */
	width: number;
	/** Font size in pixels, used to estimate label widths. */
	fontSize?: number;
	rowHeight?: number;
}

export interface LaneGeometry {
	id: LaneId;
	/** The lane's name in one or two lines that fit its column. */
	lines: string[];
	x: number;
}

export interface MessageGeometry {
	index: number;
	/** 1-based number shown beside the arrow, as in a sequence diagram. */
	number: number;
	stepId: string;
	kind: StepKind;
	from: LaneId;
	to: LaneId;
	x1: number;
	x2: number;
	y: number;
	/** A note box on one lane instead of an arrow: something that happens inside one service. */
	note: { x: number; y: number; width: number; height: number } | null;
	/** Messages inside AWS are drawn dashed; calls the app or backend makes are solid. */
	dashed: boolean;
	signed: boolean;
	failed: boolean;
	text: string;
	textX: number;
	textY: number;
}

export interface DiagramLayout {
	width: number;
	height: number;
	compact: boolean;
	headerHeight: number;
	lifelineTop: number;
	lifelineBottom: number;
	laneWidth: number;
	lanes: LaneGeometry[];
	messages: MessageGeometry[];
}

/** Short lane names for narrow screens; the full names stay in the SVG description and table. */
const shortLaneLabels: Record<LaneId, string> = {
	app: 'App',
	backend: 'Backend',
	idp: 'IdP',
	cognito: 'Cognito',
	sts: 'STS',
	service: 'Service'
};

const minLaneSpacing = 66;
const edge = 6;

function round(n: number): number {
	return Math.round(n * 1000) / 1000;
}

/** Rough width of a label: wide enough that clamping keeps text inside the drawing. */
function estimateTextWidth(text: string, fontSize: number): number {
	return round(text.length * fontSize * 0.6);
}

function clamp(x: number, lo: number, hi: number): number {
	return lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, x));
}

/**
 * Lane centres across `width`: the positions of d3's `scalePoint().padding(0.5)`, computed the
 * same way, `width / n` apart and half a step in from each edge. Written out because d3-scale is
 * one module, and the chunk holding it (shared with the progress charts' linear and quantize
 * scales) would be most of what a flow page fetches and compiles for these two numbers.
 */
function lanePoints(laneIds: readonly LaneId[], width: number) {
	const n = laneIds.length;
	const step = width / Math.max(1, n);
	const start = (width - step * (n - 1)) * 0.5;
	return {
		step,
		x: (id: LaneId): number | undefined => {
			const i = laneIds.indexOf(id);
			return i < 0 ? undefined : start + step * i;
		}
	};
}

/**
 * Breaks a lane name into at most two lines that fit `maxChars`; null when a word alone is too
 * long, so the caller falls back to the short name.
 */
export function wrapLabel(label: string, maxChars: number): string[] | null {
	const lines: string[] = [];
	for (const word of label.split(' ')) {
		if (word.length > maxChars) return null;
		const last = lines[lines.length - 1];
		if (last !== undefined && last.length + 1 + word.length <= maxChars) {
			lines[lines.length - 1] = `${last} ${word}`;
		} else lines.push(word);
	}
	return lines.length <= 2 ? lines : null;
}

/** Lays out a flow's lanes and the messages of its steps. */
export function layoutDiagram(
	laneIds: readonly LaneId[],
	steps: readonly FlowStep[],
	options: DiagramOptions
): DiagramLayout {
	const fontSize = options.fontSize ?? 14;
	const width = Math.max(options.width, laneIds.length * minLaneSpacing);
	const rowHeight = options.rowHeight ?? Math.round(fontSize * 3.2);
	const headerHeight = Math.round(fontSize * 3.4);
	const lifelineTop = headerHeight + 8;
	const { step, x } = lanePoints(laneIds, width);
	const laneWidth = round(Math.max(0, step - 8));
	const maxChars = Math.floor((laneWidth - 8) / (fontSize * 0.6));
	const wrapped = laneIds.map((id) => wrapLabel(laneInfo[id].label, maxChars));
	const compact = wrapped.some((w) => w === null);
	const lanes: LaneGeometry[] = laneIds.map((id, i) => ({
		id,
		lines: compact ? [shortLaneLabels[id]] : (wrapped[i] ?? [shortLaneLabels[id]]),
		x: round(x(id) ?? 0)
	}));
	const laneX = (id: LaneId) => round(x(id) ?? 0);
	const messages = steps.map((step, i): MessageGeometry => {
		const y = round(lifelineTop + rowHeight * (i + 0.75));
		const x1 = laneX(step.from);
		const x2 = laneX(step.to);
		const text = `${i + 1}. ${step.label}`;
		const textWidth = estimateTextWidth(text, fontSize);
		const half = textWidth / 2;
		let note: MessageGeometry['note'] = null;
		let textX: number;
		let textY: number;
		if (step.from === step.to) {
			const noteWidth = Math.min(width - 2 * edge, textWidth + fontSize);
			const noteHeight = round(fontSize * 1.9);
			const noteX = clamp(x1 - noteWidth / 2, edge, width - edge - noteWidth);
			note = {
				x: round(noteX),
				y: round(y - noteHeight / 2),
				width: round(noteWidth),
				height: noteHeight
			};
			textX = round(noteX + noteWidth / 2);
			textY = round(y + fontSize * 0.35);
		} else {
			textX = round(clamp((x1 + x2) / 2, half + edge, width - half - edge));
			textY = round(y - fontSize * 0.5);
		}
		return {
			index: i,
			number: i + 1,
			stepId: step.id,
			kind: step.kind,
			from: step.from,
			to: step.to,
			x1,
			x2,
			y,
			note,
			dashed: step.insideAws,
			signed: step.signed,
			failed: step.error !== undefined,
			text,
			textX,
			textY
		};
	});
	const lifelineBottom = round(lifelineTop + rowHeight * (steps.length + 0.25));
	return {
		width: round(width),
		height: round(lifelineBottom + 8),
		compact,
		headerHeight,
		lifelineTop,
		lifelineBottom,
		laneWidth,
		lanes,
		messages
	};
}

/** The eased share of an arrow drawn at animation time `t` in [0, 1]. */
function drawnShare(t: number): number {
	return easeCubicInOut(Math.min(1, Math.max(0, t)));
}

/**
 * The point share `t` of the way from `a` to `b`: d3-interpolate's `interpolateNumber` written out
 * (a unit test compares them), since that module would be the flow page's only use of its chunk.
 */
export function between(a: number, b: number, t: number): number {
	return a * (1 - t) + b * t;
}

/** The arrow's shaft, drawn from its start up to share `t` of its length. */
export function shaftPath(m: MessageGeometry, t = 1): string {
	const tip = between(m.x1, m.x2, drawnShare(t));
	return `M${round(m.x1)},${round(m.y)}H${round(tip)}`;
}

/**
 * The arrowhead at the shaft's tip: a filled triangle for a call, an open chevron for a return,
 * as sequence diagrams tell requests from replies.
 */
export function headPath(m: MessageGeometry, t = 1): string {
	const tip = between(m.x1, m.x2, drawnShare(t));
	const dir = m.x2 >= m.x1 ? 1 : -1;
	const back = round(tip - dir * 9);
	const y = m.y;
	if (m.kind === 'return')
		return `M${back},${round(y - 5)}L${round(tip)},${round(y)}L${back},${round(y + 5)}`;
	return `M${round(tip)},${round(y)}L${back},${round(y - 5)}L${back},${round(y + 5)}Z`;
}

/** Where the packet is at animation time `t`: it eases along the arrow, or sits on a note. */
export function packetPoint(m: MessageGeometry, t: number): { x: number; y: number } {
	if (m.note) return { x: round(m.note.x + m.note.width / 2), y: round(m.y) };
	return { x: round(between(m.x1, m.x2, drawnShare(t))), y: round(m.y) };
}

/** The lanes a step touches, highlighted while it is the current step. */
export function activeLanes(step: FlowStep | undefined): Set<LaneId> {
	return new Set(step ? [step.from, step.to] : []);
}
