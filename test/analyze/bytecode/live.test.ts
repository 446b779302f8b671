// The kernel is the judge: every verdict program is loaded with tc into a throw-away
// namespace, read back with bpftool exactly as the collector does, and analysed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLive } from '../../helpers/live.js';
import { createVethNetns, deleteNetns, inNs, run, uniqueName } from '../../helpers/netns.js';
import { bytecodeVerdict, tailCallMaps } from '../../../src/analyze/bytecode/index.js';
import type { AttachMode, Terminal } from '../../../src/model/analysis.js';
import type { ProgArray, ProgramInfo } from '../../../src/model/snapshot.js';
import { attach, pinnedId, programInfo, progArray, removePins } from './liveHelpers.js';

const V = 'bpf/verdicts';
type Case = [obj: string, sec: string, mode: AttachMode, codes: number[] | null, terminal: Terminal];
const CASES: Case[] = [
  ['constants.o', 'tc/ok', 'direct-action', [0], 'always'],
  ['constants.o', 'tc/unspec', 'direct-action', [-1], 'never'],
  ['constants.o', 'tc/shot', 'direct-action', [2], 'always'],
  ['constants.o', 'tc/pipe', 'direct-action', [3], 'never'],
  ['constants.o', 'tc/reclassify', 'direct-action', [1], 'never'],
  ['constants.o', 'tc/redirect', 'direct-action', [7], 'always'],
  ['constants.o', 'tc/ok', 'classic', [0], 'never'],
  ['constants.o', 'tc/unspec', 'classic', [-1], 'always'],
  ['branches.o', 'tc/shift', 'direct-action', [0, 2], 'always'],
  ['branches.o', 'tc/select', 'direct-action', [-1, 0], 'sometimes'],
  ['branches.o', 'tc/switch', 'direct-action', [-1, 0, 2, 3, 7], 'sometimes'],
  ['branches.o', 'tc/arith', 'direct-action', [-1, 1, 3, 5], 'never'],
  ['calls.o', 'tc/subprog', 'direct-action', [-1, 2], 'sometimes'],
  ['calls.o', 'tc/subprog_saved', 'direct-action', [0, 2], 'always'],
  ['loops.o', 'tc/loop', 'direct-action', [-1, 0], 'sometimes'],
  ['loops.o', 'tc/loop_const', 'direct-action', [2], 'always'],
  ['redirect.o', 'tc/redirect', 'direct-action', [7], 'always'],
  ['redirect.o', 'tc/redirect_flags', 'direct-action', [2, 7], 'always'],
  ['redirect.o', 'tc/redirect_peer', 'direct-action', [7], 'always'],
  ['redirect.o', 'tc/redirect_neigh', 'direct-action', [7], 'always'],
  ['redirect.o', 'tc/clone', 'direct-action', [-1], 'never'],
  ['redirect.o', 'tc/clone_ret', 'direct-action', null, 'unknown'],
  ['mapvalue.o', 'tc/map', 'direct-action', null, 'unknown'],
  ['mapvalue.o', 'tc/map_choice', 'direct-action', [-1, 0], 'sometimes'],
];

const EMPTY = { programs: new Map<number, ProgramInfo>(), progArrays: [] as ProgArray[] };

describeLive('bytecode verdicts of real programs', () => {
  let ns = '';
  let pref = 1;
  const pin = `/sys/fs/bpf/${uniqueName('bc')}`;
  beforeAll(() => {
    ns = createVethNetns('bc');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
  });
  afterAll(() => {
    deleteNetns(ns);
    removePins(pin, `${pin}_maps`);
  });

  it.each(CASES)('%s %s (%s) returns %j', (obj, sec, mode, codes, terminal) => {
    const id = attach(ns, pref++, { obj: `${V}/${obj}`, sec }, mode === 'direct-action');
    const v = bytecodeVerdict(programInfo(id), mode, EMPTY);
    expect(v?.returnCodes, v?.evidence.join('\n')).toEqual(codes);
    expect(v?.terminal).toBe(terminal);
  });

  it('tail calls: empty array falls through, filled array adds the callee verdicts', () => {
    run('bpftool', ['prog', 'loadall', `${V}/tailcall.o`, pin, 'type', 'classifier', 'pinmaps', `${pin}_maps`]);
    const entry = attach(ns, pref++, { pinned: `${pin}/tail_entry` }, true);
    const any = attach(ns, pref++, { pinned: `${pin}/tail_any` }, true);
    const mapId = pinnedId(`${pin}_maps/jt`, 'map');
    const info = programInfo(entry);
    expect(tailCallMaps(info.xlated!)).toEqual([mapId]);
    const verdict = (p: ProgramInfo, programs: Map<number, ProgramInfo>) =>
      bytecodeVerdict(p, 'direct-action', { programs, progArrays: [progArray(mapId, 'jt')] });

    // Empty array: only the fall-through path.
    expect(verdict(info, new Map())?.returnCodes).toEqual([-1]);
    // Unread array: unknown.
    expect(bytecodeVerdict(info, 'direct-action', EMPTY)?.terminal).toBe('unknown');

    const ok = pinnedId(`${pin}/target_ok`, 'prog');
    const redir = pinnedId(`${pin}/target_redirect`, 'prog');
    run('bpftool', ['map', 'update', 'pinned', `${pin}_maps/jt`, 'key', '0', '0', '0', '0', 'value', 'pinned', `${pin}/target_ok`]);
    run('bpftool', ['map', 'update', 'pinned', `${pin}_maps/jt`, 'key', '2', '0', '0', '0', 'value', 'pinned', `${pin}/target_redirect`]);
    const programs = new Map([ok, redir].map((id) => [id, programInfo(id)]));
    const e = verdict(info, programs);
    expect(e?.returnCodes, e?.evidence.join('\n')).toEqual([-1, 0]);
    expect(e?.terminal).toBe('sometimes');
    // Key from the packet: any filled slot may run; the fall-through returns SHOT.
    const a = verdict(programInfo(any), programs);
    expect(a?.returnCodes, a?.evidence.join('\n')).toEqual([0, 2, 7]);
    expect(a?.terminal).toBe('always');
  });
});
