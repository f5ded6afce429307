// The licence paragraph the scale benchmarks plant K times.

/** 48 words of the MIT licence. */
export const BOILERPLATE =
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.';
