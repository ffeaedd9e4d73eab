# 64-bit integer range
printf '%d\n' 9223372036854775807
printf '%d\n' -9223372036854775808
printf '%u\n' -1
printf '%i\n' -0x7fffffffffffffff
