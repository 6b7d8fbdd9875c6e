"""Staff access: PINs, lock-out, first-run set-up, audit."""
