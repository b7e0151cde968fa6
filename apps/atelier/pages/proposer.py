"""/proposer"""

from jnt_fresque.app.views import propose

propose.render()
