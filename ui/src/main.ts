import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
// After app.css: the frame's small-window rules override its defaults.
import './lib/components/frame.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
export default mount(App, { target });
