// The little of jsdom the graph test uses (it gives Mermaid's sanitiser a DOM).
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string);
    readonly window: Window & typeof globalThis;
  }
}
