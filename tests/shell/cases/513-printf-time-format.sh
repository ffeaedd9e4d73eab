# %(fmt)T with a fixed time in UTC
TZ=UTC0 printf '%(%Y-%m-%d %H:%M:%S)T\n' 0
TZ=UTC0 printf '%(%Y)T %(%j)T\n' 86400 86400
