# %% prints a percent sign
printf '100%%\n'
printf '%d%% done\n' 50
