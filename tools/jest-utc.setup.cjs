// Every test runs in UTC, whatever the machine says.
module.exports = async () => {
  process.env.TZ = 'UTC';
};
