export declare function extensionIdForPath(absoluteDir: string): string;
export declare function planLaunch(machine: { browser: string; extensionDir: string; profileDir: string; uid: number | undefined; headless: boolean }): {
  command: string;
  args: string[];
  url: string;
  notes: string[];
};
export declare function startOptions(argv: string[], env: Record<string, string | undefined>): { printArgs: boolean; headless: boolean };
export declare function commandLine(command: string, args: string[]): string;
