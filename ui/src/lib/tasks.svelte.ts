// Background tasks shown in the status bar: label, progress, cancel.
import type { Msg } from './bindings/Msg.ts';
import type { ProgressEvent } from './bindings/ProgressEvent.ts';

export interface TaskView {
  id: string;
  label: Msg;
  done: number;
  total: number;
  cancel: () => Promise<boolean>;
}

export const tasks = $state<{ running: TaskView[] }>({ running: [] });

/** Registers a task; returns the event handler to feed and a function to call at the end. */
export function track(
  id: string,
  label: Msg,
  cancel: () => Promise<boolean>,
  onEvent?: (e: ProgressEvent) => void,
): { onEvent: (e: ProgressEvent) => void; finish: () => void } {
  tasks.running.push({ id, label, done: 0, total: 0, cancel });
  return {
    onEvent: (e) => {
      const task = tasks.running.find((t) => t.id === id);
      if (task && e.event === 'progress') {
        task.done = e.done;
        task.total = e.total;
      }
      onEvent?.(e);
    },
    finish: () => {
      tasks.running = tasks.running.filter((t) => t.id !== id);
    },
  };
}
