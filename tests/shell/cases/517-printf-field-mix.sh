# mixing conversions in one format
printf '%-6s|%4d|%6.2f|%x\n' item 7 1.5 255 name 12 10.255 16
