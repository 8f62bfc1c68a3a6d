// The guide's queue-slot formula for Engage Messaging, as src-tauri/crates/catalogue/src/
// queue.rs computes it: busy agents × the channel group's default capacity × the queue
// factor, fractions dropped; 0 (or anything not a positive number) disables queuing.
export function queueSlots(busyAgents: number, groupCapacity: number, factor: number): number {
  if (!(Number.isFinite(factor) && factor > 0)) return 0;
  // The epsilon makes 0.1 × 30 count as 3, not 2.999….
  return Math.floor(busyAgents * groupCapacity * factor + 1e-9);
}
