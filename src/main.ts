// First, so the Trusted Types policy exists before anything renders.
import './security/trusted-types.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import { loadScreen } from './screens/load-screen.ts';
import { router } from './state/router.svelte.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount into');

// The first screen's chunks are asked for before the shell is built, so they load while it is.
// The shell asks for the same screen and gets this load; it reports a failure, so here it is dropped.
loadScreen(router.current).catch(() => {});

export default mount(App, { target });
