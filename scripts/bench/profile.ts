// V8 CPU profiles (node --cpu-prof): a time window cut out of one, and where its time went by self time.
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface SelfTime { name: string; where: string; samples: number; share: number }

/**
 * The samples taken within some stretches of time, in microseconds of the monotonic clock (process.hrtime in any
 * process on the machine reads the same clock as the profile's timestamps), as a profile of its own.
 */
export function profileWindow(profile: CpuProfile, stretches: [number, number][]): CpuProfile {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const from = Math.min(...stretches.map(([f]) => f));
  let t = profile.startTime;
  let last = from;
  profile.samples.forEach((node, i) => {
    t += profile.timeDeltas[i]!;
    if (!stretches.some(([f, to]) => t >= f && t <= to)) return;
    samples.push(node);
    timeDeltas.push(t - last);
    last = t;
  });
  return { nodes: profile.nodes, startTime: from, endTime: Math.max(...stretches.map(([, to]) => to)), samples, timeDeltas };
}

const project = process.cwd() + sep;

/** The source files in a bundle esbuild made: the line where each starts (its `// src/…` comment). */
const bundles = new Map<string, { line: number; file: string }[]>();
function sourceFileIn(bundle: string, line: number): string {
  if (!bundles.has(bundle)) {
    const starts = readFileSync(bundle, 'utf8').split('\n').flatMap((text, i) => (/^\/\/ (src\/\S+)$/.exec(text) ? [{ line: i + 1, file: text.slice(3) }] : []));
    bundles.set(bundle, starts);
  }
  let file = bundle;
  for (const start of bundles.get(bundle)!) {
    if (start.line > line) break;
    file = start.file;
  }
  return file;
}

/**
 * Where a function lives: its place, short (a package, a project source file — through the bundle — or node's
 * own module), and the line to look at.
 */
function locate(frame: CallFrame): { place: string; where: string } {
  // EJS names its compiled templates by their file in quotes.
  const path = frame.url.replace(/^"(.*)"$/, '$1').replace(/^file:\/\//, '');
  const line = frame.lineNumber + 1;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) return { place: pkg, where: `${pkg}:${line}` };
  if (path.startsWith(`${project}dist${sep}`)) {
    const file = sourceFileIn(path, line);
    return { place: file, where: `${file} (${path.slice(project.length)}:${line})` };
  }
  if (!path) return { place: 'native', where: '' };
  const place = path.startsWith(project) ? path.slice(project.length) : path;
  return { place, where: `${place}:${line}` };
}

/**
 * Time spent in each function itself (not its callees), largest first, as samples and as a share of them. Samples
 * are counted, not weighted by the time since the previous one: after the server waited for requests, or after the
 * machine's other work held the sampler back, that gap is not time the function spent.
 */
export function selfTimes(profile: CpuProfile): { samples: number; functions: SelfTime[]; places: SelfTime[] } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, { name: string; where: string; samples: number }>();
  const byPlace = new Map<string, number>();
  let samples = 0;
  for (const id of profile.samples) {
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)') continue;
    samples++;
    const { place, where } = locate(frame);
    const key = `${frame.functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, samples: 0 };
    entry.samples++;
    byFunction.set(key, entry);
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
  }
  const ranked = (list: { name: string; where: string; samples: number }[]) => list
    .sort((a, b) => b.samples - a.samples)
    .map((entry) => ({ ...entry, share: entry.samples / samples }));
  return {
    samples,
    functions: ranked([...byFunction.values()]),
    places: ranked([...byPlace].map(([place, n]) => ({ name: place, where: '', samples: n }))),
  };
}

/** The top of both lists as printable lines. */
export function selfTimeReport(title: string, profile: CpuProfile, top = 15): string {
  const { samples, functions, places } = selfTimes(profile);
  const line = (s: SelfTime) => `${(s.share * 100).toFixed(1).padStart(5)}%  ${String(s.samples).padStart(6)}  ${s.name}${s.where ? `  ${s.where}` : ''}`;
  return [
    `${title}: ${samples} samples of the main thread; top ${top} functions by self time (share, samples):`,
    ...functions.slice(0, top).map(line),
    `by package or file:`,
    ...places.slice(0, 10).map(line),
  ].join('\n');
}
