import type { OnModuleDestroy } from '@nestjs/common';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { IndicatorChartInput, chartSpec, chartTextAlternative } from './chart-model';
import { SvgNode, parseSvg } from './svg-tree';

/**
 * Draws charts to SVG on the server with Vega-Lite, in worker threads that
 * run chart-worker.mjs (vega and vega-lite are ES modules with top-level
 * await, which the CommonJS build cannot require). The workers start on the
 * first chart and are kept for the next; a chart that takes too long is
 * refused and its worker replaced, so one bad chart cannot hold a report
 * forever; close() (Nest's onModuleDestroy) ends them.
 */

export interface ChartRendererOptions {
  /** Worker threads drawing at once; 1 by default, the machine being small and shared. */
  workers?: number;
  /** How long one chart may take. */
  timeoutMs?: number;
  /** The worker script; chart-worker.mjs beside this file (nest-cli.json copies it into dist). */
  workerFile?: string;
}

export interface RenderedChart {
  /** The chart as a tree of known SVG elements, for the templates to print escaped. */
  svg: SvgNode;
  /** The sentence a screen reader hears and the page prints under the chart. */
  text: string;
}

interface Job {
  resolve: (svg: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  dead: boolean;
}

export class ChartRenderError extends Error {}

export class ChartRenderer implements OnModuleDestroy {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly workerFile: string;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ChartRendererOptions = {}) {
    this.size = Math.max(1, Math.floor(options.workers ?? 1));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.workerFile = options.workerFile ?? path.join(__dirname, 'chart-worker.mjs');
  }

  /** SVG markup of a Vega-Lite specification, as Vega writes it. */
  renderSpec(spec: Record<string, unknown>): Promise<string> {
    if (this.closed) return Promise.reject(new ChartRenderError('The chart renderer has been closed'));
    const slot = this.slot();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.jobs.delete(id);
        if (slot.jobs.size === 0) slot.worker.unref();
        reject(new ChartRenderError(`A chart took longer than ${this.timeoutMs} ms to draw`));
        // The worker may be stuck in a loop; only ending it frees the thread.
        this.retire(slot, new ChartRenderError('The chart worker was restarted after another chart timed out'));
      }, this.timeoutMs);
      timer.unref();
      slot.jobs.set(id, { resolve, reject, timer });
      // Busy, the worker keeps the process alive until the chart is back; idle, it does not.
      slot.worker.ref();
      slot.worker.postMessage({ id, spec });
    });
  }

  /** One indicator's chart with its text alternative. idPrefix keeps its element ids apart from other charts on the page. */
  async renderIndicator(input: IndicatorChartInput, idPrefix: string): Promise<RenderedChart> {
    const markup = await this.renderSpec(chartSpec(input));
    return { svg: parseSvg(markup, idPrefix), text: chartTextAlternative(input) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => this.retire(slot, new ChartRenderError('The chart renderer has been closed'))));
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  /** The least busy live worker, starting one while there are fewer than the pool's size. */
  private slot(): Slot {
    const live = this.slots.filter((slot) => !slot.dead);
    if (live.length < this.size) {
      const slot = this.start();
      this.slots.push(slot);
      return slot;
    }
    return live.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  }

  private start(): Slot {
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    // A renderer nobody closed must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, jobs: new Map(), dead: false };
    worker.on('message', (message: { id?: number; svg?: string; error?: string }) => {
      if (message.id === undefined) return;
      const job = slot.jobs.get(message.id);
      if (!job) return;
      slot.jobs.delete(message.id);
      clearTimeout(job.timer);
      if (slot.jobs.size === 0) worker.unref();
      if (typeof message.svg === 'string') job.resolve(message.svg);
      else job.reject(new ChartRenderError(`The chart could not be drawn: ${message.error ?? 'unknown error'}`));
    });
    worker.on('error', (error) => void this.retire(slot, new ChartRenderError(`The chart worker failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!slot.dead) void this.retire(slot, new ChartRenderError(`The chart worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private async retire(slot: Slot, reason: Error): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    for (const job of slot.jobs.values()) {
      clearTimeout(job.timer);
      job.reject(reason);
    }
    slot.jobs.clear();
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    await slot.worker.terminate();
  }
}
