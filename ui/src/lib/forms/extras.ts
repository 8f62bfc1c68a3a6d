// Aids shown under particular settings, beyond their type's widget: a short list kept in
// one place so that FieldRow stays generic.
import type { Component } from 'svelte';
import type { WidgetProps } from './widget.ts';
import QueueSlots from './QueueSlots.svelte';

export const EXTRAS: Record<string, Component<WidgetProps>> = {
  'em_advanced.queue_factor': QueueSlots,
};
