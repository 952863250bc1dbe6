export declare function copyCesium(webDir?: string): { version: string; copied: boolean };
