declare module 'virtual:route-files' {
	/** Written by the build (./vite-plugin.ts) once the chunks are named. */
	const table: import('./route-preload.ts').RouteFileTable;
	export default table;
}
