const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons are not TypeScript: copy them next to the compiled nodes and credentials.
const copy = (folder) => {
	const fn = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	fn.displayName = `copy ${folder} icons`;
	return fn;
};

task('build:icons', parallel(copy('nodes'), copy('credentials')));
