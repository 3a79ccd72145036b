// A language model's proposal as a Frame: its values are raw strings by argument name, so they
// go through the commands' own parser when the line is rendered, like anything a member types.
import type { Registry } from '../../core/registry.ts';
import { resolveCommand } from '../command-line.ts';
import type { Frame, Slot } from '../understanding.types.ts';
import type { ModelProposal } from './model-schema.ts';

export function proposalFrame(registry: Registry, proposal: ModelProposal): Frame | undefined {
  if (proposal.path === null) return undefined;
  let command;
  try {
    command = resolveCommand(registry, proposal.path).command;
  } catch {
    return undefined;
  }
  if (command.answersQuestion || command.understandsSentence) return undefined;
  const slots: Record<string, Slot> = {};
  for (const [name, value] of Object.entries(proposal.args)) {
    const spec = command.args.find((arg) => arg.name === name);
    if (!spec) return undefined;
    slots[name] = spec.kind === 'enum' ? { type: 'choice', value } : { type: 'text', text: value };
  }
  return { path: proposal.path, slots };
}
