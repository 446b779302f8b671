// SIGINT, SIGTERM and SIGHUP end node without its 'exit' event, so the collector's own
// cleanup (src/collect/spawn.ts) never ran: a hung bpftool or tc stayed in the namespace it
// was auditing, reparented to init, and kept a gone pod's namespace alive. For the one-shot
// live commands (audit, collect), kill the children first, then let the signal end the
// process as it would have (exit status 128+N). watch and self-test have their own handlers.
// SIGKILL cannot be caught: a child hung at that moment outlives tc-audit (docs/live.md).
export function killChildrenOnSignal(kill: () => void): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      kill();
      process.kill(process.pid, sig);
    });
  }
}
