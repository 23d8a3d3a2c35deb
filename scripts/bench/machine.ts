import { cpus, release, totalmem, type } from 'node:os';

export type Machine = { cpus: number; cpuModel: string; memoryBytes: number; os: string; node: string };

/** Enough to tell whether two reports can be compared at all. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}
