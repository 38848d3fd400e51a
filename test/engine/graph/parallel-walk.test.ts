import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { DependencyCycleError, DependencyGraph } from '../../../engine/graph/dependency-graph.ts';
import { walkGraph } from '../../../engine/graph/parallel-walk.ts';

/** A wide graph: `base`, then 30 `mid[i]` on it, then `top` on all of them, plus 10 independent nodes. */
function wideGraph(): DependencyGraph {
  const graph = new DependencyGraph();
  graph.addNode('base');
  for (let index = 0; index < 30; index++) {
    graph.addEdge(`mid[${index}]`, 'base');
    graph.addEdge('top', `mid[${index}]`);
  }
  for (let index = 0; index < 10; index++) graph.addNode(`solo[${index}]`);
  return graph;
}

describe('dependency graph walk', () => {
  it('runs dependencies first and never more than the parallelism at once', async () => {
    for (const parallelism of [1, 3, 10]) {
      const graph = wideGraph();
      const finished = new Set<string>();
      let running = 0;
      let maxRunning = 0;
      const outcomes = await walkGraph(graph, async (key) => {
        for (const dependency of graph.dependenciesOf(key)) expect(finished.has(dependency), `${key} ran before ${dependency}`).toBe(true);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(2);
        running -= 1;
        finished.add(key);
      }, { parallelism });
      expect(finished.size).toBe(42);
      expect([...outcomes.values()].every((outcome) => outcome.status === 'done')).toBe(true);
      expect(maxRunning).toBeLessThanOrEqual(parallelism);
      if (parallelism > 1) expect(maxRunning).toBeGreaterThan(1);
    }
  });

  it('skips the dependents of a failed node and finishes independent work', async () => {
    const graph = wideGraph();
    const outcomes = await walkGraph(graph, async (key) => {
      if (key === 'mid[3]') throw new Error('boom');
    }, { parallelism: 4 });
    expect(outcomes.get('mid[3]')).toMatchObject({ status: 'failed', error: new Error('boom') });
    expect(outcomes.get('top')).toEqual({ status: 'skipped', reason: 'dependency mid[3] did not complete' });
    expect(outcomes.get('mid[4]')).toEqual({ status: 'done' });
    expect(outcomes.get('solo[9]')).toEqual({ status: 'done' });
  });

  it('starts nothing new once stopped, and awaits what is in flight', async () => {
    const graph = wideGraph();
    let stop = false;
    const started: string[] = [];
    const outcomes = await walkGraph(graph, async (key) => {
      started.push(key);
      stop = started.length >= 3;
      await sleep(5);
    }, { parallelism: 2, stopped: () => stop });
    const done = [...outcomes.values()].filter((outcome) => outcome.status === 'done').length;
    expect(done).toBe(started.length);
    expect(started.length).toBeLessThanOrEqual(4);
    expect([...outcomes.values()].some((outcome) => outcome.status === 'skipped' && outcome.reason === 'interrupted before it started')).toBe(true);
  });

  it('names the cycle instead of hanging', async () => {
    const graph = new DependencyGraph();
    graph.addEdge('a', 'b');
    graph.addEdge('b', 'c');
    graph.addEdge('c', 'a');
    graph.addEdge('d', 'a');
    expect(() => graph.topologicalOrder()).toThrow(DependencyCycleError);
    await expect(walkGraph(graph, async () => {}, { parallelism: 2 })).rejects.toThrow('dependency cycle: a -> b -> c -> a');
  });
});
