;; One Thompson-sampling round of Beta draws, as WebAssembly: the source of
;; src/random/beta-round-wasm.ts (regenerate with `npm run build:wasm`; a test checks that
;; assembling this file gives the committed bytes). See src/random/beta-round.ts for why.
;;
;; Every number is the one src/random (sampleBeta: gammaFromConstants with ziggurat normals,
;; sfc32 draws) gives for the same stream: the same IEEE operations in the same order, with
;; Math.log, Math.exp and Math.pow imported from JS, as WebAssembly has none of them.
;;
;; Memory layout (bytes), tables written by BetaRound from src/random/normal.ts:
;;   0     sfc32 state s0..s3 (i32 × 4)
;;   16    the ziggurat's R (f64)
;;   64    KN (u32 × 128)         576   WN (f64 × 128)       1600  FN (f64 × 128)
;;   2624  SIGNED_WN (f64 × 256)  4672  KN_BY_BYTE (u32 × 256)
;;   8192  and up: the caller's posteriors' offsets, draws and constants
(module
  (import "Math" "log" (func $log (param f64) (result f64)))
  (import "Math" "exp" (func $exp (param f64) (result f64)))
  (import "Math" "pow" (func $pow (param f64 f64) (result f64)))
  (memory (export "memory") 1)

  ;; RandomStream.nextUint32 on the state in memory (the rare paths' draws).
  (func $nextUint32 (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32)
    (local.set $s0 (i32.load (i32.const 0)))
    (local.set $s1 (i32.load (i32.const 4)))
    (local.set $s2 (i32.load (i32.const 8)))
    (local.set $s3 (i32.load (i32.const 12)))
    (local.set $t (i32.add (i32.add (local.get $s0) (local.get $s1)) (local.get $s3)))
    (i32.store (i32.const 12) (i32.add (local.get $s3) (i32.const 1)))
    (i32.store (i32.const 0) (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 9))))
    (i32.store (i32.const 4) (i32.add (local.get $s2) (i32.shl (local.get $s2) (i32.const 3))))
    (i32.store (i32.const 8) (i32.add (i32.rotl (local.get $s2) (i32.const 21)) (local.get $t)))
    (local.get $t))

  ;; RandomStream.next: × 2⁻³² is the same double as / 2³² (a power of two).
  (func $next (result f64)
    (f64.mul (f64.convert_i32_u (call $nextUint32)) (f64.const 0x1p-32)))

  ;; normalSlow (src/random/normal.ts): the ziggurat's wedges and tail, for a first draw that
  ;; missed its layer's rectangle.
  (func $normalSlow (param $u i32) (result f64)
    (local $iz i32) (local $j i32) (local $x f64) (local $sign f64) (local $t f64) (local $y f64)
    (loop $again
      (local.set $iz (i32.and (local.get $u) (i32.const 127)))
      (local.set $j (i32.shr_u (local.get $u) (i32.const 8)))
      (local.set $x (f64.mul (f64.convert_i32_u (local.get $j))
        (f64.load offset=576 (i32.shl (local.get $iz) (i32.const 3)))))
      (local.set $sign (select (f64.const -1) (f64.const 1) (i32.and (local.get $u) (i32.const 128))))
      (if (i32.lt_u (local.get $j) (i32.load offset=64 (i32.shl (local.get $iz) (i32.const 2))))
        (then (return (f64.mul (local.get $sign) (local.get $x)))))
      (if (i32.eqz (local.get $iz))
        (then
          ;; The tail beyond R (Marsaglia 1964).
          (loop $tail
            (local.set $t (f64.div
              (f64.neg (call $log (f64.sub (f64.const 1) (call $next))))
              (f64.load (i32.const 16))))
            (local.set $y (f64.neg (call $log (f64.sub (f64.const 1) (call $next)))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y))
              (f64.mul (local.get $t) (local.get $t)))))
          (return (f64.mul (local.get $sign) (f64.add (f64.load (i32.const 16)) (local.get $t))))))
      ;; A wedge: accept under the density.
      (if (f64.lt
            (f64.add (f64.load offset=1600 (i32.shl (local.get $iz) (i32.const 3)))
              (f64.mul (call $next)
                (f64.sub (f64.load offset=1592 (i32.shl (local.get $iz) (i32.const 3)))
                  (f64.load offset=1600 (i32.shl (local.get $iz) (i32.const 3))))))
            (call $exp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x))))
        (then (return (f64.mul (local.get $sign) (local.get $x)))))
      (local.set $u (call $nextUint32))
      (br $again))
    (unreachable))

  ;; BetaRound.draw's contract: a Beta draw for each of n posteriors whose gamma constants
  ;; (gammaConstants: d, c, 1/k or 0, 1/(108 d); α's then β's) start at f64 index at[i] of k,
  ;; or a uniform draw where at[i] is −1; draws to out[i]; returns the index of the largest
  ;; (the first on ties). k, at and out are byte addresses; the stream's state is at 0.
  (func (export "round") (param $k i32) (param $at i32) (param $out i32) (param $n i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32)
    (local $i i32) (local $h i32) (local $base i32) (local $o i32) (local $first i32)
    (local $j i32) (local $lo i32) (local $bestI i32)
    (local $best f64) (local $x f64) (local $g f64) (local $z f64) (local $w f64)
    (local $u f64) (local $mtD f64) (local $mtC f64) (local $inv f64) (local $z2 f64) (local $v f64)
    (local.set $s0 (i32.load (i32.const 0)))
    (local.set $s1 (i32.load (i32.const 4)))
    (local.set $s2 (i32.load (i32.const 8)))
    (local.set $s3 (i32.load (i32.const 12)))
    (local.set $best (f64.const -1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $base (i32.load (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $x (f64.const 0))
        (local.set $h (i32.const 0))
        (block $drawn
          (loop $half
            ;; sfc32 step (as RandomStream.nextUint32, with the state in locals)
            (local.set $t (i32.add (i32.add (local.get $s0) (local.get $s1)) (local.get $s3)))
            (local.set $s3 (i32.add (local.get $s3) (i32.const 1)))
            (local.set $s0 (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 9))))
            (local.set $s1 (i32.add (local.get $s2) (i32.shl (local.get $s2) (i32.const 3))))
            (local.set $s2 (i32.add (i32.rotl (local.get $s2) (i32.const 21)) (local.get $t)))
            (if (i32.lt_s (local.get $base) (i32.const 0))
              (then
                ;; Beta(1, 1)
                (local.set $x (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 0x1p-32)))
                (br $drawn)))
            ;; byte address of this shape's constants: α's (h = 0), then β's
            (local.set $o (i32.add (local.get $k)
              (i32.shl (i32.add (local.get $base) (i32.shl (local.get $h) (i32.const 2))) (i32.const 3))))
            (local.set $mtD (f64.load (local.get $o)))
            (local.set $mtC (f64.load offset=8 (local.get $o)))
            ;; Marsaglia & Tsang, as gammaFromConstants: $t holds the normal's 32-bit draw.
            (block $accepted
              (loop $try
                (local.set $first (local.get $t))
                (local.set $j (i32.shr_u (local.get $first) (i32.const 8)))
                (local.set $lo (i32.and (local.get $first) (i32.const 255)))
                (if (i32.lt_u (local.get $j) (i32.load offset=4672 (i32.shl (local.get $lo) (i32.const 2))))
                  (then
                    (local.set $z (f64.mul (f64.convert_i32_u (local.get $j))
                      (f64.load offset=2624 (i32.shl (local.get $lo) (i32.const 3))))))
                  (else
                    ;; the ziggurat's rare paths draw on the state in memory
                    (i32.store (i32.const 0) (local.get $s0))
                    (i32.store (i32.const 4) (local.get $s1))
                    (i32.store (i32.const 8) (local.get $s2))
                    (i32.store (i32.const 12) (local.get $s3))
                    (local.set $z (call $normalSlow (local.get $first)))
                    (local.set $s0 (i32.load (i32.const 0)))
                    (local.set $s1 (i32.load (i32.const 4)))
                    (local.set $s2 (i32.load (i32.const 8)))
                    (local.set $s3 (i32.load (i32.const 12)))))
                (local.set $w (f64.add (f64.const 1) (f64.mul (local.get $mtC) (local.get $z))))
                (if (f64.gt (local.get $w) (f64.const 0))
                  (then
                    (local.set $t (i32.add (i32.add (local.get $s0) (local.get $s1)) (local.get $s3)))
                    (local.set $s3 (i32.add (local.get $s3) (i32.const 1)))
                    (local.set $s0 (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 9))))
                    (local.set $s1 (i32.add (local.get $s2) (i32.shl (local.get $s2) (i32.const 3))))
                    (local.set $s2 (i32.add (i32.rotl (local.get $s2) (i32.const 21)) (local.get $t)))
                    (local.set $u (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 0x1p-32)))
                    ;; squeezed(z, w, u, d, e) (src/random/gamma.ts)
                    (local.set $z2 (f64.mul (local.get $z) (local.get $z)))
                    (if (f64.lt
                          (f64.mul (local.get $u) (local.get $w))
                          (f64.sub (local.get $w)
                            (f64.mul
                              (f64.mul (f64.mul (f64.load offset=24 (local.get $o)) (local.get $z2)) (local.get $z2))
                              (f64.add (f64.const 1) (f64.abs (f64.sub (local.get $w) (f64.const 1)))))))
                      (then
                        (local.set $g (f64.mul (local.get $mtD)
                          (f64.mul (f64.mul (local.get $w) (local.get $w)) (local.get $w))))
                        (br $accepted)))
                    (local.set $v (f64.mul (f64.mul (local.get $w) (local.get $w)) (local.get $w)))
                    (if (f64.lt (call $log (local.get $u))
                          (f64.add (f64.mul (f64.const 0.5) (local.get $z2))
                            (f64.mul (local.get $mtD)
                              (f64.add (f64.sub (f64.const 1) (local.get $v)) (call $log (local.get $v))))))
                      (then
                        (local.set $g (f64.mul (local.get $mtD)
                          (f64.mul (f64.mul (local.get $w) (local.get $w)) (local.get $w))))
                        (br $accepted)))))
                (local.set $t (i32.add (i32.add (local.get $s0) (local.get $s1)) (local.get $s3)))
                (local.set $s3 (i32.add (local.get $s3) (i32.const 1)))
                (local.set $s0 (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 9))))
                (local.set $s1 (i32.add (local.get $s2) (i32.shl (local.get $s2) (i32.const 3))))
                (local.set $s2 (i32.add (i32.rotl (local.get $s2) (i32.const 21)) (local.get $t)))
                (br $try)))
            (local.set $inv (f64.load offset=16 (local.get $o)))
            (if (f64.ne (local.get $inv) (f64.const 0))
              (then
                ;; shape < 1: the boost
                (local.set $t (i32.add (i32.add (local.get $s0) (local.get $s1)) (local.get $s3)))
                (local.set $s3 (i32.add (local.get $s3) (i32.const 1)))
                (local.set $s0 (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 9))))
                (local.set $s1 (i32.add (local.get $s2) (i32.shl (local.get $s2) (i32.const 3))))
                (local.set $s2 (i32.add (i32.rotl (local.get $s2) (i32.const 21)) (local.get $t)))
                (local.set $g (f64.mul (local.get $g)
                  (call $pow
                    (f64.sub (f64.const 1)
                      (f64.mul (f64.convert_i32_u (local.get $t)) (f64.const 0x1p-32)))
                    (local.get $inv))))))
            (if (i32.eqz (local.get $h))
              (then
                (local.set $x (local.get $g))
                (local.set $h (i32.const 1))
                (br $half)))
            (local.set $x (f64.div (local.get $x) (f64.add (local.get $x) (local.get $g))))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $x))
        (if (f64.gt (local.get $x) (local.get $best))
          (then
            (local.set $best (local.get $x))
            (local.set $bestI (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.store (i32.const 0) (local.get $s0))
    (i32.store (i32.const 4) (local.get $s1))
    (i32.store (i32.const 8) (local.get $s2))
    (i32.store (i32.const 12) (local.get $s3))
    (local.get $bestI)))
