import kleur from 'kleur';

/**
 * The CLI's only voice. Everything codex-ctx itself says goes through here so that nothing can draw over
 * Codex: while Codex owns the terminal (`hold()`), lines are kept and printed after it exits.
 * Data (the serve URL, previews, lists) goes to stdout; messages go to stderr.
 */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

export interface TerminalOutput {
  /** A data line for stdout (URL, preview, list). */
  data(text: string): void;
  info(text: string): void;
  success(text: string): void;
  warn(text: string): void;
  /** One line: what went wrong and the fix. */
  error(text: string): void;
  /** A TTY-only spinner on stderr; a no-op elsewhere so logs and pipes stay clean. */
  spinner(text: string): Spinner;
  /** Silence until the returned release function runs (Codex owns the terminal in between). */
  hold(): () => void;
  /** Colours text meant for `data()` when stdout is a terminal (doctor's ✓/✗). */
  paintData(style: (text: string) => string, text: string): string;
}

export function createTerminalOutput(options: {
  stdout: OutputStream;
  stderr: OutputStream;
  env?: Record<string, string | undefined>;
}): TerminalOutput {
  const { stdout, stderr } = options;
  const env = options.env ?? {};
  const colorAllowed = !env.NO_COLOR && env.TERM !== 'dumb';
  const color = Boolean(stderr.isTTY) && colorAllowed;
  const paint = (style: (text: string) => string, text: string) => (color ? forceColor(style, text) : text);
  let held: Array<() => void> | undefined;

  const emit = (stream: OutputStream, text: string) => {
    const write = () => stream.write(text.endsWith('\n') ? text : `${text}\n`);
    if (held) held.push(write);
    else write();
  };

  return {
    paintData: (style, text) => (stdout.isTTY && colorAllowed ? forceColor(style, text) : text),
    data: (text) => emit(stdout, text),
    info: (text) => emit(stderr, paint(kleur.dim, text)),
    success: (text) => emit(stderr, `${paint(kleur.green, '✓')} ${text}`),
    warn: (text) => emit(stderr, paint(kleur.yellow, `codex-ctx: warning: ${text}`)),
    error: (text) => emit(stderr, paint(kleur.red, `codex-ctx: ${text}`)),
    spinner(text) {
      if (!stderr.isTTY || held) return { update() {}, stop() {} };
      // discardStdin would put the TTY in raw mode and read from it; Codex must find stdin untouched.
      // hideCursor installs exit/signal hooks (signal-exit) that would fight our own signal handling.
      // ora (and its ~20 modules) loads only when a spinner is shown: most runs never show one.
      let instance: { text: string; stop(): unknown } | undefined;
      let current = text;
      let stopped = false;
      void import('ora').then(({ default: ora }) => {
        if (stopped) return;
        instance = ora({ text: current, stream: stderr as NodeJS.WritableStream, discardStdin: false, hideCursor: false, isEnabled: true }).start();
      });
      return {
        update: (next) => {
          current = next;
          if (instance) instance.text = next;
        },
        stop: () => {
          stopped = true;
          instance?.stop();
        },
      };
    },
    hold() {
      held ??= [];
      return () => {
        const pending = held ?? [];
        held = undefined;
        for (const write of pending) write();
      };
    },
  };
}

/** kleur decides from stdout alone; our messages go to stderr, which may be a terminal when stdout is not. */
function forceColor(style: (text: string) => string, text: string): string {
  const previous = kleur.enabled;
  kleur.enabled = true;
  try {
    return style(text);
  } finally {
    kleur.enabled = previous;
  }
}

export function processOutput(): TerminalOutput {
  return createTerminalOutput({ stdout: process.stdout, stderr: process.stderr, env: process.env });
}
