# if then
if then echo x; fi
