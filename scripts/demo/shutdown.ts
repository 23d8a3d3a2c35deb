type Close = () => Promise<void> | void;

/**
 * What the demo started, closed newest first exactly once: on success, on failure, on Ctrl-C.
 * Something registered after the closing began (a browser still launching when Ctrl-C came) is
 * closed at once, and `closeAll()` waits for that too, so nothing started late outlives the script.
 */
export class Shutdown {
  #closers: Close[] = [];
  #late: Promise<void>[] = [];
  #closing: Promise<void> | undefined;
  #onStopping!: () => void;
  #stopping = new Promise<void>((resolve) => (this.#onStopping = resolve));

  get stopping(): boolean {
    return this.#closing !== undefined;
  }

  /** Resolves when the closing begins: long waits race it to end early. */
  whenStopping(): Promise<void> {
    return this.#stopping;
  }

  add(close: Close): void {
    if (this.#closing) this.#late.push(this.#run(close));
    else this.#closers.push(close);
  }

  async closeAll(): Promise<void> {
    this.#onStopping();
    this.#closing ??= (async () => {
      for (const close of this.#closers.reverse()) await this.#run(close);
    })();
    await this.#closing;
    await Promise.all(this.#late);
  }

  async #run(close: Close): Promise<void> {
    try {
      await close();
    } catch (error) {
      console.error(`While closing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
