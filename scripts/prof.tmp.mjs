const { Shell, Vfs } = await import('../server/shell/index.ts');
const sh = new Shell({ vfs: new Vfs(), commands: { get: () => undefined, names: () => [] } });
const t = performance.now();
sh.run('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done');
console.log(performance.now() - t);
