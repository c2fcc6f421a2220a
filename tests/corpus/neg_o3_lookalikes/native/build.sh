#!/bin/sh
gcc -O3 -march=native -o fastmath fastmath.c
