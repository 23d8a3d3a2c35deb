import type { SizeGroup } from './bundle-sizes.ts';

/**
 * Size budgets, gzip bytes (1 KB = 1024 bytes), by size group name. Timings have none: this machine is
 * shared. `panel` is what the panel page loads at start; what it loads later by import() is reported
 * apart (`panel, loaded later`) with no budget, and never counts here.
 */
export const SIZE_BUDGETS: Readonly<Record<string, number>> = {
  injected: 2 * 1024,
  panel: 40 * 1024,
};

export type BudgetCheck = { group: string; gzipBytes: number; budgetBytes: number; overBytes: number };

/** Every budgeted group, with how far over it is (0 or less is within). */
export function checkBudgets(groups: readonly SizeGroup[]): BudgetCheck[] {
  return groups.flatMap((group) => {
    const budgetBytes = SIZE_BUDGETS[group.name];
    if (budgetBytes === undefined) return [];
    return [{ group: group.name, gzipBytes: group.gzipBytes, budgetBytes, overBytes: group.gzipBytes - budgetBytes }];
  });
}
