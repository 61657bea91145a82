import { Controller, Get, Header, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';

/** Read once at boot, beside this file (`npm run build` copies static/ to dist with --copy-files). */
function asset(name: string): string {
  return readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');
}

const PAGE = asset('inbox.html');
const SCRIPT = asset('inbox.js');
const STYLE = asset('inbox.css');

/**
 * The web inbox, the way Mailpit shows a developer's test mail: a plain page and one small script served by the
 * simulator itself (no CDN, no build step of its own), talking to the control API.
 */
@ApiExcludeController()
@Controller()
export class InboxController {
  @Get()
  @Redirect('/inbox', 302)
  root(): void {}

  @Get('inbox')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(): string {
    return PAGE;
  }

  @Get('inbox/inbox.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  script(): string {
    return SCRIPT;
  }

  @Get('inbox/inbox.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  style(): string {
    return STYLE;
  }
}
