/** Header of the generated file. */
export declare const generatedHeader: string;
/** Turns an OpenAPI document into the TypeScript source of its types. */
export declare function generateApiTypes(document: Record<string, unknown>): Promise<string>;
