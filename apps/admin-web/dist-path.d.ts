/** Absolute path of the built page (`index.html` and `assets/`), produced by `pnpm --filter @aivo/admin-web build`. */
export declare const adminWebDistPath: string;
/** The URL path the page is built for; the service must serve `adminWebDistPath` here. */
export declare const adminWebBasePath: '/integrations/sis';
