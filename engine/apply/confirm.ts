// Asks for `yes` before changing anything. Without a terminal there is nobody to ask: fail clearly instead of
// hanging or assuming consent.
import { createInterface } from 'node:readline/promises';

export async function confirmApply(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new Error('apply needs confirmation but there is no terminal to ask; re-run with --auto-approve (e.g. in CI)');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(`${question}\n  Only 'yes' will be accepted: `);
    return answer.trim() === 'yes';
  } finally {
    prompt.close();
  }
}
