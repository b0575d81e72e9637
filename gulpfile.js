const path = require('path');
const { task, src, dest } = require('gulp');

// Icons are not TypeScript: the one PandaPon mark (icons/) is copied to dist/icons, where the
// nodes and the credential point to it.
task('build:icons', () =>
	src(path.resolve('icons', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'icons'))),
);
