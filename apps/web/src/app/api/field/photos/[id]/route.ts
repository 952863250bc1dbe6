import { join } from 'node:path';
import { handleFieldPhoto } from '@linli/api';
import { photoDirFromEnv } from '@linli/db';
import { getServices } from '@/server/services';

export const dynamic = 'force-dynamic';

// The start script runs the web app in apps/web; the data dir defaults to the repo's .data.
const dir = () => photoDirFromEnv(process.env, join(process.cwd(), '..', '..', '.data'));

async function handler(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleFieldPhoto(getServices(), req, id, dir());
}

export { handler as GET, handler as HEAD, handler as PUT };
