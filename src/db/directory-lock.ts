// A PID lock file beside the PGlite data: PGlite has no multi-process safety, and two
// processes writing one directory lose data without any error.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.ts';

export interface DirectoryLock {
  path: string;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still a live holder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

// Locks this process holds: a second open of the same directory from this process is as
// unsafe as one from another process (PGlite would hang on its own files).
const heldHere = new Set<string>();

export function acquireDirectoryLock(dir: string): DirectoryLock {
  const lockPath = path.join(dir, 'relance.lock');
  if (heldHere.has(lockPath)) throw new UserError('database_locked', { dir, pid: process.pid });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
      // A crash must not leave a lock that blocks the next start forever; the PID check
      // below covers kill -9, this covers normal exits.
      process.once('exit', release);
      heldHere.add(lockPath);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new UserError('database_locked', { dir, pid: holder });
      }
      // Stale lock from a process that died: take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new UserError('database_locked', { dir, pid: '?' });
}
